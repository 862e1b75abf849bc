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

/** The separator of the header line: `;` (French Excel), `,` or tab, whichever occurs most outside quotes. */
export function detectDelimiter(text: string) {
  const counts = new Map<string, number>([[';', 0], [',', 0], ['\t', 0]])
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1)
  }
  let best = ','
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter
  return best
}

/** Reads CSV text (RFC 4180: quoted fields, doubled quotes, any line ending); blank lines are skipped. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvTable {
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let recordLine = 1
  let quoteLine = 1

  const endRecord = () => {
    cells.push(cell)
    if (cells.length > 1 || cells[0].trim() !== '') records.push({ line: recordLine, cells })
    cells = []
    cell = ''
  }

  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          cell += '"'
          index++
        } else {
          quoted = false
        }
      } else {
        if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) line++
        cell += char
      }
    } else if (char === '"' && cell.trim() === '') {
      quoted = true
      quoteLine = line
      cell = ''
    } else if (char === delimiter) {
      cells.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++
      endRecord()
      line++
      recordLine = line
    } else {
      cell += char
    }
  }
  if (quoted) throw new CsvSyntaxError(quoteLine)
  if (cell !== '' || cells.length) endRecord()
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
        return /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell
      })
      .join(delimiter) + '\r\n'
  )
}

/** Undoes the apostrophe `formatCsvLine` puts before a formula-like cell, so exports re-import as they were. */
export function unescapeFormula(cell: string) {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell
}
