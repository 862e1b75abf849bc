import { parse } from 'csv-parse/sync'
import type { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { LocalizedText } from '@ia/kernel/contracts'
import { currencyErrors } from '../errors.ts'
import { normalizeRate, rateDate } from './rate_values.ts'
import type { NewRate } from '../actions/record_rates.ts'

/** Rows one import accepts: ten years of daily rates for a handful of pairs. */
export const MAX_IMPORT_ROWS = 20_000

/** Header names of each column, French and English, compared without case, accents, spaces or underscores. */
const COLUMNS = {
  date: ['date', 'jour', 'day'],
  baseCurrency: ['base', 'devisebase', 'basecurrency', 'de', 'from'],
  quoteCurrency: ['cotation', 'devisecotation', 'quote', 'quotecurrency', 'vers', 'to'],
  rate: ['taux', 'rate', 'cours'],
} as const
type Column = keyof typeof COLUMNS

/** A row the import refused: its line in the file, the column at fault and why, in the reader's language. */
export type RejectedRow = { line: number; field: Column; message: string }

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_-]+/g, '')
    .toLowerCase()

function readRecords(bytes: Buffer) {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw currencyErrors.importUnreadable('notText')
  }
  // Control characters (other than tabs and line ends) mean a binary file, not CSV.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) throw currencyErrors.importUnreadable('notText')
  const header = text.split(/\r?\n/, 1)[0]
  // French spreadsheets write ";" and a decimal comma; others ",".
  const delimiter = [';', '\t', ','].find((candidate) => header.includes(candidate)) ?? ','
  try {
    const records: string[][] = parse(text, {
      delimiter,
      relax_column_count: true,
      trim: true,
      skip_empty_lines: true,
      bom: true,
    })
    return records
  } catch {
    throw currencyErrors.importUnreadable('malformed')
  }
}

function columnIndexes(header: string[], i18n: I18n) {
  const folded = header.map(fold)
  const indexes = {} as Record<Column, number>
  const missing: string[] = []
  for (const column of Object.keys(COLUMNS) as Column[]) {
    indexes[column] = folded.findIndex((name) =>
      (COLUMNS[column] as readonly string[]).includes(name)
    )
    if (indexes[column] < 0) missing.push(i18n.t(`currencies.import.columns.${column}`))
  }
  if (missing.length)
    throw currencyErrors.importUnreadable('columns', { missing: missing.join(', ') })
  return indexes
}

/** A date as spreadsheets write it (YYYY-MM-DD or DD/MM/YYYY) in ISO form. */
function isoFromCell(cell: string) {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell)
  return french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : cell
}

/** A message of the module's language files in both languages, for texts broadcast before anyone reads them (job labels and progress). */
export function localizedText(key: string, data?: Record<string, unknown>): LocalizedText {
  return { fr: i18nManager.locale('fr').t(key, data), en: i18nManager.locale('en').t(key, data) }
}

/**
 * Reads a CSV of daily rates (date, base, quote, rate; headers in French or English) into the rates
 * to record and the rows refused with their line and reason. `usedCurrencies` are the organisation's.
 */
export function readRatesCsv(bytes: Buffer, usedCurrencies: string[], i18n: I18n) {
  const records = readRecords(bytes)
  if (records.length < 2) throw currencyErrors.importUnreadable('empty')
  if (records.length - 1 > MAX_IMPORT_ROWS)
    throw currencyErrors.importUnreadable('tooManyRows', { max: MAX_IMPORT_ROWS })
  const indexes = columnIndexes(records[0], i18n)
  const rates = new Map<string, NewRate & { line: number }>()
  const rejected: RejectedRow[] = []
  const reject = (line: number, field: Column, key: string, data: Record<string, unknown> = {}) =>
    rejected.push({ line, field, message: i18n.t(`currencies.import.rejected.${key}`, data) })
  records.slice(1).forEach((cells, index) => {
    // Line numbers as a spreadsheet shows them: the header is line 1 (blank lines are not counted).
    const line = index + 2
    const cell = (column: Column) => (cells[indexes[column]] ?? '').trim()
    const date = rateDate(isoFromCell(cell('date')))
    const base = cell('baseCurrency').toUpperCase()
    const quote = cell('quoteCurrency').toUpperCase()
    const rate = normalizeRate(cell('rate').replace(/\s/g, '').replace(',', '.'))
    if (!date) return reject(line, 'date', 'date', { value: cell('date') })
    if (!usedCurrencies.includes(base))
      return reject(line, 'baseCurrency', 'currency', { value: base })
    if (!usedCurrencies.includes(quote) || quote === base)
      return reject(line, 'quoteCurrency', 'currency', { value: quote })
    if (!rate) return reject(line, 'rate', 'rate', { value: cell('rate') })
    const key = `${base}/${quote}/${date}`
    const earlier = rates.get(key)
    if (earlier) return reject(line, 'date', 'duplicate', { line: earlier.line })
    rates.set(key, { baseCurrency: base, quoteCurrency: quote, rate, date, line })
  })
  return {
    rates: [...rates.values()].map(({ line, ...rate }) => rate),
    rejected,
    rowCount: records.length - 1,
  }
}
