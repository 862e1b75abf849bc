import { parse as parseCsvSync, CsvError } from 'csv-parse/sync'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { parseSync as parseOfx } from 'ofx-js'
import { DateTime } from 'luxon'
import { Decimal } from '@ia/kernel/contracts'

/** The statement formats an import reads. */
export const STATEMENT_FORMATS = ['csv', 'ofx', 'camt053'] as const
export type StatementFormat = (typeof STATEMENT_FORMATS)[number]

/** What a CSV column can hold. `debit` and `credit` are unsigned outflow/inflow columns (mobile-money exports). */
export const STATEMENT_FIELDS = [
  'date',
  'amount',
  'debit',
  'credit',
  'description',
  'reference',
  'counterparty',
] as const
export type StatementField = (typeof STATEMENT_FIELDS)[number]

/** The column (0-based) of each field of a CSV statement. */
export type StatementMapping = Partial<Record<StatementField, number>>

/** The date layouts a CSV statement may use. */
export const STATEMENT_DATE_FORMATS = [
  'yyyy-MM-dd',
  'dd/MM/yyyy',
  'dd-MM-yyyy',
  'dd.MM.yyyy',
  'MM/dd/yyyy',
  'dd/MM/yy',
] as const
export type StatementDateFormat = (typeof STATEMENT_DATE_FORMATS)[number]

/** How the user reads a CSV statement: its columns, date layout and decimal separator. */
export type CsvReading = {
  mapping: StatementMapping
  dateFormat: StatementDateFormat
  decimalSeparator: ',' | '.'
}

/** One movement of a statement: signed amount (positive = money in) as a decimal string. */
export type StatementEntry = {
  line: number
  date: string
  amount: string
  description: string
  reference: string | null
  counterparty: string | null
  /** The bank's own id of the movement (OFX FITID, CAMT AcctSvcrRef), the surest duplicate key. */
  externalId: string | null
}

/** A row that cannot be imported, and why (a message key of `finance.statement_rows`). */
export type StatementRowError = { line: number; field: string; reason: string }

/** A statement file read: the movements that can be imported and the rows that cannot. */
export type StatementReading = {
  format: StatementFormat
  currency: string | null
  header: string[]
  sample: string[][]
  reading: CsvReading | null
  entries: StatementEntry[]
  errors: StatementRowError[]
}

/** A file that cannot be read at all; `reason` is the message key, `line` where it broke when known. */
export class StatementFileError extends Error {
  constructor(
    readonly reason: 'not_text' | 'empty' | 'malformed' | 'too_many_rows' | 'no_date' | 'no_amount',
    readonly line: number | null = null
  ) {
    super(`Statement file refused: ${reason}${line ? ` (line ${line})` : ''}`)
  }
}

/** The most movements one statement may hold. */
export const MAX_STATEMENT_ROWS = 5000
const SAMPLE_ROWS = 3

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])

/** The file's text (UTF-8, else Windows-1252 as French Excel writes), or null for a binary file. */
function decodeText(bytes: Buffer): string | null {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes
  if (
    body.some((byte) => (byte < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d].includes(byte)) || byte === 0x7f)
  )
    return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return new TextDecoder('windows-1252').decode(body)
  }
}

/** Which format the text is in, from its content rather than its name. */
export function detectFormat(text: string): StatementFormat {
  const start = text.trimStart().slice(0, 2000)
  if (/^OFXHEADER:|<OFX>/i.test(start) || /<\?OFX\b/i.test(start)) return 'ofx'
  if (/^<\?xml|^</.test(start) && /BkToCstmrStmt|camt\.053/.test(text.slice(0, 4000)))
    return 'camt053'
  return 'csv'
}

/** Header text reduced to bare lowercase words, so "Date d'opération" and "date operation" meet. */
function headerWords(header: string) {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

// Headers seen on Congolese bank exports (Rawbank, Equity BCDC, TMB) and mobile-money statements (M-Pesa, Orange, Airtel).
const HEADER_WORDS: Record<StatementField, string[]> = {
  date: [
    'date',
    'date operation',
    'date valeur',
    'booking date',
    'transaction date',
    'completion time',
    'value date',
    'date transaction',
  ],
  amount: ['montant', 'amount', 'somme', 'valeur'],
  debit: ['debit', 'withdrawn', 'retrait', 'sortie', 'paid out', 'montant debit'],
  credit: ['credit', 'paid in', 'depot', 'entree', 'montant credit'],
  description: ['libelle', 'description', 'details', 'narration', 'motif', 'label', 'operation'],
  reference: [
    'reference',
    'ref',
    'receipt no',
    'receipt',
    'transaction id',
    'id transaction',
    'numero',
    'n transaction',
    'txn id',
  ],
  counterparty: [
    'tiers',
    'beneficiaire',
    'counterparty',
    'payee',
    'name',
    'nom',
    'correspondant',
    'other party',
  ],
}

/** The field each header names, the first column winning when two name the same field. */
export function mappingFromHeader(header: string[]): StatementMapping {
  const mapping: StatementMapping = {}
  header.forEach((cell, index) => {
    const words = headerWords(cell)
    const field = STATEMENT_FIELDS.find((candidate) => HEADER_WORDS[candidate].includes(words))
    if (field && mapping[field] === undefined) mapping[field] = index
  })
  return mapping
}

/**
 * A decimal string from a statement's amount cell: spaces (also non-breaking) as thousands
 * separators, the given decimal separator, a sign before or after, or parentheses for a negative;
 * null when the cell is not an amount.
 */
export function parseAmount(cell: string, decimalSeparator: ',' | '.'): string | null {
  let text = cell.replace(/[\s\u00a0\u202f']/g, '').replace(/[A-Za-z$€£]+$|^[A-Za-z$€£]+/g, '')
  let negative = false
  if (/^\(.*\)$/.test(text)) [negative, text] = [true, text.slice(1, -1)]
  if (/-$/.test(text)) [negative, text] = [true, text.slice(0, -1)]
  if (/^[-+]/.test(text)) [negative, text] = [text.startsWith('-') !== negative, text.slice(1)]
  const thousands = decimalSeparator === ',' ? '.' : ','
  if (text.includes(thousands) && !/^\d{1,3}([.,]\d{3})+([.,]\d+)?$/.test(text)) return null
  text = text.split(thousands).join('').replace(decimalSeparator, '.')
  if (!/^\d+(\.\d+)?$/.test(text)) return null
  const value = new Decimal(text)
  return (negative && !value.isZero() ? value.negated() : value).toString()
}

/** The ISO date of a cell in `format`; a time after the date (mobile-money exports) is dropped. */
export function parseDate(cell: string, format: StatementDateFormat): string | null {
  const datePart = cell.trim().split(/[\sT]/)[0]
  const date = DateTime.fromFormat(datePart, format, { zone: 'utc' })
  return date.isValid && date.year >= 1990 && date.year <= 2100 ? date.toISODate() : null
}

/** The date layout that reads the most sample dates (the first listed on a tie), `dd/MM/yyyy` (DR Congo's) when none reads any. */
export function detectDateFormat(cells: string[]): StatementDateFormat {
  const filled = cells.filter((cell) => cell.trim())
  let best: StatementDateFormat = 'dd/MM/yyyy'
  let bestCount = 0
  for (const format of STATEMENT_DATE_FORMATS) {
    const count = filled.filter((cell) => parseDate(cell, format) !== null).length
    if (count > bestCount) [best, bestCount] = [format, count]
  }
  return best
}

/** The cell separator of the header: `;` (French Excel), `,` or tab, whichever splits it most. */
function detectDelimiter(text: string) {
  const header = text.split(/\r?\n/, 1)[0]
  const counts = [';', ',', '\t'].map((delimiter) => ({
    delimiter,
    cells: header.split(delimiter).length,
  }))
  return counts.reduce((best, next) => (next.cells > best.cells ? next : best)).delimiter
}

function csvRecords(text: string, delimiter: string): { line: number; cells: string[] }[] {
  try {
    return (
      parseCsvSync(text, {
        delimiter,
        relax_quotes: true,
        relax_column_count: true,
        trim: true,
        skip_empty_lines: true,
        info: true,
        to: MAX_STATEMENT_ROWS + 2,
      }) as unknown as { record: string[]; info: { lines: number } }[]
    ).map(({ record, info }) => ({ line: info.lines, cells: record }))
  } catch (error) {
    if (error instanceof CsvError)
      throw new StatementFileError(
        'malformed',
        (error as CsvError & { lines?: number }).lines ?? null
      )
    throw error
  }
}

function readCsv(text: string, chosen: Partial<CsvReading>): StatementReading {
  const delimiter = detectDelimiter(text)
  const [headerRecord, ...records] = csvRecords(text, delimiter)
  if (!headerRecord || !records.length) throw new StatementFileError('empty')
  if (records.length > MAX_STATEMENT_ROWS) throw new StatementFileError('too_many_rows')
  const header = headerRecord.cells
  const mapping = chosen.mapping ?? mappingFromHeader(header)
  if (mapping.date === undefined) throw new StatementFileError('no_date')
  if (mapping.amount === undefined && mapping.debit === undefined && mapping.credit === undefined)
    throw new StatementFileError('no_amount')
  const cell = (cells: string[], field: StatementField) => {
    const index = mapping[field]
    return index === undefined ? '' : (cells[index] ?? '').trim()
  }
  const reading: CsvReading = {
    mapping,
    dateFormat:
      chosen.dateFormat ??
      detectDateFormat(records.slice(0, 50).map(({ cells }) => cell(cells, 'date'))),
    decimalSeparator: chosen.decimalSeparator ?? (delimiter === ';' ? ',' : '.'),
  }
  const entries: StatementEntry[] = []
  const errors: StatementRowError[] = []
  for (const { line, cells } of records) {
    const date = parseDate(cell(cells, 'date'), reading.dateFormat)
    if (!date) {
      errors.push({ line, field: 'date', reason: 'invalid_date' })
      continue
    }
    const amount = rowAmount(cells, cell, reading.decimalSeparator)
    if (typeof amount !== 'string') {
      errors.push({ line, field: amount.field, reason: 'invalid_amount' })
      continue
    }
    if (new Decimal(amount).isZero()) {
      errors.push({
        line,
        field: mapping.amount === undefined ? 'credit' : 'amount',
        reason: 'zero_amount',
      })
      continue
    }
    entries.push({
      line,
      date,
      amount,
      description: cell(cells, 'description'),
      reference: cell(cells, 'reference') || null,
      counterparty: cell(cells, 'counterparty') || null,
      externalId: null,
    })
  }
  return {
    format: 'csv',
    currency: null,
    header,
    sample: records.slice(0, SAMPLE_ROWS).map(({ cells }) => cells),
    reading,
    entries,
    errors,
  }
}

/** A row's signed amount: the amount column, else credit minus debit; the failing field otherwise. */
function rowAmount(
  cells: string[],
  cell: (cells: string[], field: StatementField) => string,
  decimalSeparator: ',' | '.'
): string | { field: StatementField } {
  if (cell(cells, 'amount')) {
    return parseAmount(cell(cells, 'amount'), decimalSeparator) ?? { field: 'amount' }
  }
  let total = new Decimal(0)
  for (const field of ['credit', 'debit'] as const) {
    const text = cell(cells, field)
    if (!text) continue
    const value = parseAmount(text, decimalSeparator)
    if (value === null) return { field }
    total =
      field === 'credit'
        ? total.plus(new Decimal(value).abs())
        : total.minus(new Decimal(value).abs())
  }
  return total.toString()
}

/** Values of one tag or of its repetitions, always as a list. */
function many<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

function tagText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'object' && '#text' in (value as object))
    return String((value as { '#text': unknown })['#text']).trim()
  return String(value).trim()
}

function readOfx(content: string): StatementReading {
  let parsed
  try {
    parsed = parseOfx(content)
  } catch {
    throw new StatementFileError('malformed')
  }
  const statements = [
    ...many(parsed.OFX?.BANKMSGSRSV1?.STMTTRNRS).map((response: any) => response.STMTRS),
    ...many(parsed.OFX?.CREDITCARDMSGSRSV1?.CCSTMTTRNRS).map((response: any) => response.CCSTMTRS),
  ].filter(Boolean)
  if (!statements.length) throw new StatementFileError('malformed')
  const entries: StatementEntry[] = []
  const errors: StatementRowError[] = []
  let index = 0
  for (const statement of statements) {
    for (const movement of many<any>(statement.BANKTRANLIST?.STMTTRN)) {
      index += 1
      const date = /^\d{8}/.test(tagText(movement.DTPOSTED))
        ? DateTime.fromFormat(tagText(movement.DTPOSTED).slice(0, 8), 'yyyyMMdd').toISODate()
        : null
      const amount = parseAmount(
        tagText(movement.TRNAMT),
        tagText(movement.TRNAMT).includes(',') && !tagText(movement.TRNAMT).includes('.')
          ? ','
          : '.'
      )
      if (!date) errors.push({ line: index, field: 'date', reason: 'invalid_date' })
      else if (amount === null)
        errors.push({ line: index, field: 'amount', reason: 'invalid_amount' })
      else if (new Decimal(amount).isZero())
        errors.push({ line: index, field: 'amount', reason: 'zero_amount' })
      else
        entries.push({
          line: index,
          date,
          amount,
          description: tagText(movement.MEMO) || tagText(movement.NAME),
          reference: tagText(movement.CHECKNUM) || tagText(movement.REFNUM) || null,
          counterparty: tagText(movement.NAME) || null,
          externalId: tagText(movement.FITID) || null,
        })
    }
  }
  if (index > MAX_STATEMENT_ROWS) throw new StatementFileError('too_many_rows')
  if (!index) throw new StatementFileError('empty')
  return {
    format: 'ofx',
    currency: tagText(statements[0].CURDEF) || null,
    header: [],
    sample: [],
    reading: null,
    entries,
    errors,
  }
}

const camtParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['Stmt', 'Ntry', 'TxDtls', 'Ustrd'].includes(name),
})

function readCamt053(content: string): StatementReading {
  const valid = XMLValidator.validate(content)
  if (valid !== true) throw new StatementFileError('malformed', valid.err.line)
  const document = camtParser.parse(content)
  const statements = many<any>(document?.Document?.BkToCstmrStmt?.Stmt)
  if (!statements.length) throw new StatementFileError('malformed')
  const entries: StatementEntry[] = []
  const errors: StatementRowError[] = []
  let index = 0
  for (const statement of statements) {
    for (const entry of many<any>(statement.Ntry)) {
      index += 1
      const details = many<any>(entry.NtryDtls?.TxDtls)[0] ?? {}
      const booked =
        tagText(entry.BookgDt?.Dt) ||
        tagText(entry.BookgDt?.DtTm).slice(0, 10) ||
        tagText(entry.ValDt?.Dt)
      const date =
        /^\d{4}-\d{2}-\d{2}$/.test(booked) && DateTime.fromISO(booked).isValid ? booked : null
      const value = parseAmount(tagText(entry.Amt), '.')
      const direction = tagText(entry.CdtDbtInd)
      if (!date) {
        errors.push({ line: index, field: 'date', reason: 'invalid_date' })
        continue
      }
      if (value === null || !['CRDT', 'DBIT'].includes(direction)) {
        errors.push({ line: index, field: 'amount', reason: 'invalid_amount' })
        continue
      }
      const credit = direction === 'CRDT'
      const party = credit ? details.RltdPties?.Dbtr : details.RltdPties?.Cdtr
      entries.push({
        line: index,
        date,
        amount: credit ? value : new Decimal(value).negated().toString(),
        description:
          many(details.RmtInf?.Ustrd).map(tagText).join(' ') || tagText(entry.AddtlNtryInf),
        reference: tagText(details.Refs?.EndToEndId).replace(/^NOTPROVIDED$/, '') || null,
        counterparty: tagText(party?.Nm) || tagText(party?.Pty?.Nm) || null,
        externalId: tagText(entry.AcctSvcrRef) || tagText(entry.NtryRef) || null,
      })
    }
  }
  if (index > MAX_STATEMENT_ROWS) throw new StatementFileError('too_many_rows')
  if (!index) throw new StatementFileError('empty')
  return {
    format: 'camt053',
    currency: tagText(statements[0].Acct?.Ccy) || null,
    header: [],
    sample: [],
    reading: null,
    entries,
    errors,
  }
}

/**
 * Reads an uploaded statement (CSV, OFX or CAMT.053, told apart by content) into its movements and
 * its refused rows. For CSV, `chosen` overrides the mapping, date layout and decimal separator
 * guessed from the file; the guess is returned so the user can correct it.
 */
export function readStatementFile(
  bytes: Buffer,
  chosen: Partial<CsvReading> = {}
): StatementReading {
  const content = decodeText(bytes)
  if (content === null) throw new StatementFileError('not_text')
  if (!content.trim()) throw new StatementFileError('empty')
  const format = detectFormat(content)
  if (format === 'ofx') return readOfx(content)
  if (format === 'camt053') return readCamt053(content)
  return readCsv(content, chosen)
}
