import type { I18n } from '@adonisjs/i18n'
import { errors as vineErrors } from '@vinejs/vine'
import type { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { organizations, readCountry, tenantContext } from '@ia/kernel/contracts'
import Contact from '../models/contact.ts'
import { createContactValidator } from '../validators/contact.ts'
import { contactErrors } from '../errors.ts'
import { type CsvRecord, CsvSyntaxError, decodeText, parseCsv, unescapeFormula } from './csv.ts'
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportMapping,
  fieldForHeader,
} from './contact_columns.ts'
import { parseArchivedAt, parseKind, parseTags, parseYesNo } from './contact_values.ts'
import type { NewContact } from './contact_rules.ts'

/** The most data rows one import accepts. */
export const MAX_IMPORT_ROWS = 5000

/** A problem with one field of one row, in the user's language. */
export type ImportFieldError = { field: string; message: string }

/** One data row as the preview shows it: what would be saved, or what was read and why it is refused. */
export type ImportRow = { line: number; data: Record<string, unknown>; errors: ImportFieldError[] }

/** A row that can be saved: the validated contact, archived at `archivedAt` when the file says so. */
export type ImportableContact = { line: number; contact: NewContact; archivedAt: DateTime | null }

/** A refused row as the file had it: the text of each mapped field, for the rejected rows' CSV. */
export type RejectedRow = { line: number; values: Partial<Record<ImportField, string>> }

/** A CSV file checked row by row; `contacts` holds the rows that can be saved, `rejected` the others as written. */
export type ImportAnalysis = {
  header: string[]
  sample: string[][]
  mapping: ImportMapping
  missing: ImportField[]
  rows: ImportRow[]
  valid: number
  invalid: number
  ignoredColumns: string[]
  contacts: ImportableContact[]
  rejected: RejectedRow[]
}

/** A CSV file whose structure is sound: its header, the field of each column and the data records. */
export type ImportTable = {
  header: string[]
  columns: (ImportField | undefined)[]
  ignoredColumns: string[]
  records: CsvRecord[]
}

/** Told how many rows are checked so far, out of how many. */
export type RowProgress = (done: number, total: number) => Promise<void>

/** Rows checked between two progress reports. */
const PROGRESS_EVERY = 250

/** Data rows shown beside each field while the columns are mapped. */
const SAMPLE_ROWS = 3

/** Fields an import cannot do without. */
const REQUIRED_FIELDS: readonly ImportField[] = ['name']

/** What one cell becomes before validation. */
function cellValue(field: ImportField, cell: string): unknown {
  if (field === 'isCustomer' || field === 'isSupplier') return parseYesNo(cell)
  if (field === 'kind') return parseKind(cell)
  if (field === 'tags') return parseTags(cell)
  return cell
}

/** Reads an uploaded file into its header and data records, failing with 422 on `file` when it is not text, is malformed, empty or too long. */
async function readCsvFile(bytes: Buffer) {
  const text = decodeText(bytes)
  if (text === null) throw contactErrors.importNotText()
  let table
  try {
    // The header and one row past the limit are enough to refuse a file that is too long.
    table = await parseCsv(text, { maxRecords: MAX_IMPORT_ROWS + 1 })
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw contactErrors.importMalformed(error.line)
    throw error
  }
  const [header, ...records] = table.records
  if (!header || !records.length) throw contactErrors.importEmpty()
  if (records.length > MAX_IMPORT_ROWS) throw contactErrors.importTooManyRows(MAX_IMPORT_ROWS)
  return { header: header.cells.map((cell) => cell.trim()), records }
}

/**
 * The field of each column as its header names it. Two columns for one field: `strict` refuses the
 * file (which one would win is anybody's guess), otherwise the first is taken and the user, shown
 * the mapping, chooses.
 */
function columnsFromHeader(header: string[], strict: boolean) {
  const columns = header.map((cell) => fieldForHeader(cell))
  const firstColumn = new Map<ImportField, number>()
  columns.forEach((field, index) => {
    if (!field) return
    const first = firstColumn.get(field)
    if (first === undefined) return firstColumn.set(field, index)
    if (strict) throw contactErrors.importDuplicateColumn(header[first], header[index])
    columns[index] = undefined
  })
  return columns
}

/** The field of each column as the user mapped them; a column past the header's end, or given two fields, is refused (422 on `mapping.<field>`). */
function columnsFromMapping(header: string[], mapping: ImportMapping) {
  const columns: (ImportField | undefined)[] = header.map(() => undefined)
  for (const field of IMPORT_FIELDS) {
    const index = mapping[field]
    if (index === undefined) continue
    if (index >= header.length) throw contactErrors.importMappingNoColumn(field, header.length)
    const other = columns[index]
    if (other)
      throw contactErrors.importMappingColumnTwice(field, header[index] || String(index + 1))
    columns[index] = field
  }
  return columns
}

/**
 * Reads the structure of an uploaded CSV file: its columns are mapped to fields by `mapping` when
 * given, else by their headers. Unless `lenient` (the preview, which shows the mapping for the user to
 * fix), a file without a name column or with two columns for one field is refused with 422.
 */
export async function readImportTable(
  bytes: Buffer,
  mapping?: ImportMapping,
  options: { lenient?: boolean } = {}
): Promise<ImportTable> {
  const { header, records } = await readCsvFile(bytes)
  const columns = mapping
    ? columnsFromMapping(header, mapping)
    : columnsFromHeader(header, !options.lenient)
  if (!options.lenient && !columns.includes('name'))
    throw contactErrors.importMissingName(mapping ? 'mapping.name' : 'file')
  const ignoredColumns = header.filter((cell, index) => !columns[index] && cell)
  return { header, columns, ignoredColumns, records }
}

/** The mapping a table's columns stand for: each mapped field and its column. */
export function mappingOf(columns: (ImportField | undefined)[]): ImportMapping {
  return Object.fromEntries(columns.flatMap((field, index) => (field ? [[field, index]] : [])))
}

/**
 * Reads an uploaded CSV file and validates each row as the create form would, without saving anything.
 * Duplicate emails are looked up through `client` (the import's transaction) when given. A file
 * without a name column is analysed as having no row (`missing` says why), for the user to map one.
 */
export async function analyseImport(
  bytes: Buffer,
  i18n: I18n,
  options: {
    client?: QueryClientContract
    onProgress?: RowProgress
    mapping?: ImportMapping
    lenient?: boolean
  } = {}
): Promise<ImportAnalysis> {
  const { header, columns, ignoredColumns, records } = await readImportTable(
    bytes,
    options.mapping,
    { lenient: options.lenient }
  )
  const mapping = mappingOf(columns)
  const missing = REQUIRED_FIELDS.filter((field) => mapping[field] === undefined)
  const sample = records
    .slice(0, SAMPLE_ROWS)
    .map((record) => header.map((_, index) => (record.cells[index] ?? '').trim()))
  const table = { header, sample, mapping, missing, ignoredColumns }
  if (missing.length)
    return { ...table, rows: [], valid: 0, invalid: 0, contacts: [], rejected: [] }

  const messagesProvider = i18n.createMessagesProvider()
  const profile = (await organizations.find(tenantContext.require(), options.client))!
  const checked: CheckedRow[] = []
  for (const [index, record] of records.entries()) {
    const raw: Record<string, unknown> = { kind: 'company' }
    const source: RejectedRow['values'] = {}
    columns.forEach((field, column) => {
      if (!field) return
      const cell = unescapeFormula((record.cells[column] ?? '').trim())
      source[field] = cell
      if (cell !== '') raw[field] = field === 'archivedAt' ? cell : cellValue(field, cell)
    })
    const archivedAt =
      typeof raw.archivedAt === 'string' ? parseArchivedAt(raw.archivedAt, profile.timeZone) : null
    let contact: NewContact | null = null
    const errors: ImportFieldError[] = []
    const country = typeof raw.country === 'string' ? readCountry(raw.country) : null
    if (country && 'ambiguous' in country) {
      errors.push({
        field: 'country',
        message: ambiguousCountryMessage(raw.country as string, country.ambiguous, i18n),
      })
      delete raw.country
    } else if (country) raw.country = country.code
    try {
      contact = await createContactValidator.validate(raw, {
        messagesProvider,
        meta: { organizationCountry: profile.country },
      })
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      for (const { field, message } of error.messages as ImportFieldError[])
        errors.push({ field, message })
    }
    if (archivedAt === undefined)
      errors.push({ field: 'archivedAt', message: i18n.t('contacts.import.archivedAtInvalid') })
    const importable =
      contact && !errors.length
        ? { line: record.line, contact, archivedAt: archivedAt ?? null }
        : null
    const data = importable
      ? { ...importable.contact, archivedAt: importable.archivedAt?.toISO() ?? null }
      : raw
    checked.push({
      row: { line: record.line, data, errors },
      importable,
      archived: Boolean(archivedAt),
      source,
    })
    if (
      options.onProgress &&
      ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === records.length)
    ) {
      await options.onProgress(index + 1, records.length)
    }
  }

  await flagDuplicateEmails(checked, i18n, options.client)

  const contacts = checked.flatMap((entry) => (entry.importable ? [entry.importable] : []))
  const rejected = checked.flatMap((entry) =>
    entry.importable ? [] : [{ line: entry.row.line, values: entry.source }]
  )
  const rows = checked.map((entry) => entry.row)
  return {
    ...table,
    rows,
    valid: contacts.length,
    invalid: rows.length - contacts.length,
    contacts,
    rejected,
  }
}

/** Why a country name such as "Congo" is refused, with the names of the countries it may mean. */
function ambiguousCountryMessage(text: string, codes: readonly string[], i18n: I18n) {
  const names = new Intl.DisplayNames([i18n.locale], { type: 'region' })
  const [first, second] = codes.map((code) => names.of(code) ?? code)
  return i18n.t('contacts.import.countryAmbiguous', { text, first, second })
}

/** One row once checked: as the preview shows it, what would be saved, and whether it is archived. */
type CheckedRow = {
  row: ImportRow
  importable: ImportableContact | null
  archived: boolean
  source: RejectedRow['values']
}

/**
 * The email of a row that would be an active contact, valid or not, unless the email itself is what
 * is wrong with it. Archived rows are left out: only active contacts must have distinct emails.
 */
function activeRowEmail({ row, importable, archived }: CheckedRow) {
  if (archived) return undefined
  if (importable) return importable.contact.email?.toLowerCase()
  if (row.errors.some((error) => error.field === 'email') || typeof row.data.email !== 'string')
    return undefined
  return row.data.email.trim().toLowerCase()
}

/**
 * An email used by an active contact, or twice in the file, refuses the row (the later one, in the
 * file); rows refused for other reasons get the error too, so one pass over the preview fixes all.
 */
async function flagDuplicateEmails(
  checked: CheckedRow[],
  i18n: I18n,
  client?: QueryClientContract
) {
  const byRow = checked.map(activeRowEmail)
  const emails = [...new Set(byRow.filter((email): email is string => Boolean(email)))]
  if (!emails.length) return
  const existing = await Contact.query({ client })
    .whereNull('archived_at')
    .whereRaw(`lower(email) IN (${emails.map(() => '?').join(', ')})`, emails)
    .select('email')
  const taken = new Set(existing.map((contact) => contact.email!.toLowerCase()))
  const seen = new Map<string, number>()
  byRow.forEach((email, index) => {
    if (!email) return
    let message: string | undefined
    if (taken.has(email)) message = i18n.t('contacts.errors.E_CONTACT_EMAIL_TAKEN')
    else if (seen.has(email))
      message = i18n.t('contacts.import.emailTwiceInFile', { line: seen.get(email) })
    else seen.set(email, checked[index].row.line)
    if (message) {
      checked[index].row.errors.push({ field: 'email', message })
      checked[index].importable = null
    }
  })
}
