import { CsvError, parse, type Info, type Options } from 'csv-parse'

/** One record of a CSV file and the line of the file it starts on (1 for the header). */
export type CsvRecord = { line: number; cells: string[] }

/** A CSV file read into records, with the separator it was found to use. */
export type CsvTable = { delimiter: string; records: CsvRecord[] }

/** A quoted field left open until the end of the file. */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`Unclosed quoted field starting on line ${line}`)
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])
const UTF8 = new TextDecoder('utf-8', { fatal: true })
const WINDOWS_1252 = new TextDecoder('windows-1252')

/**
 * The text of an uploaded file, or null when it is not text (a spreadsheet, an image...).
 * UTF-8 with or without BOM; files that are not valid UTF-8 are read as Windows-1252, which is
 * what French Excel writes when told to save "CSV (séparateur : point-virgule)".
 */
export function decodeText(bytes: Buffer): string | null {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes
  for (const byte of body) {
    // Control bytes other than tab, line feed, form feed and carriage return never occur in text.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) return null
    if (byte === 0x7f) return null
  }
  try {
    return UTF8.decode(body)
  } catch {
    return WINDOWS_1252.decode(body)
  }
}

const DELIMITERS = [';', ',', '\t'] as const

function parser(delimiter: string, extra: Options = {}) {
  // relax_quotes reads a stray quote inside a field as text, as spreadsheets write it; rows may have
  // any number of cells (a short row leaves the last columns empty).
  return parse({
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    trim: true,
    info: true,
    ...extra,
  })
}

/** The separator of the header line: `;` (French Excel), `,` or tab, whichever splits it into most cells. */
export async function detectDelimiter(text: string) {
  let best = ','
  let bestCells = 0
  for (const delimiter of DELIMITERS) {
    const header = parser(delimiter, { to_line: 1 })
    header.end(text)
    let cells = 0
    try {
      for await (const { record } of header) cells = (record as string[]).length
    } catch {
      continue
    }
    if (cells > bestCells || (cells === bestCells && delimiter === ','))
      [best, bestCells] = [delimiter, cells]
  }
  return best
}

/**
 * Reads CSV text (RFC 4180: quoted fields, doubled quotes, any line ending) with csv-parse, record
 * by record; blank lines are skipped. With `maxRecords`, stops reading past that many records.
 */
export async function parseCsv(
  text: string,
  options: { delimiter?: string; maxRecords?: number } = {}
): Promise<CsvTable> {
  const delimiter = options.delimiter ?? (await detectDelimiter(text))
  const records: CsvRecord[] = []
  // Blank lines are kept by the parser (as one empty cell) so that each record starts on the line after the last.
  let lastLine = 0
  // The parser runs ahead of the loop and fails before handing over the records it read: it says here where it got.
  let parsedLine = 0
  const reader = parser(delimiter, {
    on_record: (record, context) => {
      parsedLine = context.lines
      return record
    },
  })
  reader.end(text)
  try {
    for await (const { record, info } of reader as AsyncIterable<{
      record: string[]
      info: Info
    }>) {
      const line = lastLine + 1
      lastLine = info.lines
      if (record.length === 1 && record[0] === '') continue
      records.push({ line, cells: record })
      if (options.maxRecords !== undefined && records.length > options.maxRecords) break
    }
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED')
      throw new CsvSyntaxError(parsedLine + 1)
    throw error
  }
  return { delimiter, records }
}

const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One CSV line. Cells a spreadsheet would run as a formula get a leading apostrophe (the usual
 * defence against CSV injection); E.164 phone numbers are plain numbers and are left alone.
 */
export function formatCsvLine(cells: (string | null | undefined)[], delimiter: string) {
  return (
    cells
      .map((value) => {
        let cell = value ?? ''
        if (FORMULA_START.test(cell) && !/^\+\d+$/.test(cell)) cell = `'${cell}`
        return /["\r\n]/.test(cell) || cell.includes(delimiter)
          ? `"${cell.replace(/"/g, '""')}"`
          : cell
      })
      .join(delimiter) + '\r\n'
  )
}

/** Undoes the apostrophe `formatCsvLine` puts before a formula-like cell, so exports re-import as they were. */
export function unescapeFormula(cell: string) {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell
}
