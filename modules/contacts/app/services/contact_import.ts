import type { I18n } from '@adonisjs/i18n'
import { errors as vineErrors } from '@vinejs/vine'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Contact from '../models/contact.ts'
import { createContactValidator } from '../validators/contact.ts'
import { contactErrors } from '../errors.ts'
import { CsvSyntaxError, decodeText, parseCsv, unescapeFormula } from './csv.ts'
import { type CsvField, fieldForHeader } from './contact_columns.ts'
import { parseKind, parseTags, parseYesNo } from './contact_values.ts'
import type { NewContact } from './contact_rules.ts'

/** The most data rows one import accepts. */
export const MAX_IMPORT_ROWS = 5000

/** A problem with one field of one row, in the user's language. */
export type ImportFieldError = { field: string; message: string }

/** One data row as the preview shows it: what would be saved, or what was read and why it is refused. */
export type ImportRow = { line: number; data: Record<string, unknown>; errors: ImportFieldError[] }

/** A CSV file checked row by row; `contacts` holds the rows that can be saved. */
export type ImportAnalysis = {
  rows: ImportRow[]
  valid: number
  invalid: number
  ignoredColumns: string[]
  contacts: NewContact[]
}

/** What one cell becomes before validation. */
function cellValue(field: CsvField, cell: string): unknown {
  if (field === 'isCustomer' || field === 'isSupplier') return parseYesNo(cell)
  if (field === 'kind') return parseKind(cell)
  if (field === 'tags') return parseTags(cell)
  return cell
}

/** Reads an uploaded CSV file and validates each row as the create form would, without saving anything. */
export async function analyseImport(bytes: Buffer, i18n: I18n, client?: QueryClientContract): Promise<ImportAnalysis> {
  const text = decodeText(bytes)
  if (text === null) throw contactErrors.importNotText()
  let table
  try {
    table = parseCsv(text)
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw contactErrors.importMalformed(error.line)
    throw error
  }
  const [header, ...records] = table.records
  if (!header || !records.length) throw contactErrors.importEmpty()
  if (records.length > MAX_IMPORT_ROWS) throw contactErrors.importTooManyRows(MAX_IMPORT_ROWS)

  const columns = header.cells.map((cell) => fieldForHeader(cell))
  const ignoredColumns = header.cells.filter((cell, index) => !columns[index] && cell.trim()).map((cell) => cell.trim())
  if (!columns.includes('name')) throw contactErrors.importMissingName()

  const messagesProvider = i18n.createMessagesProvider()
  const rows: ImportRow[] = []
  const parsed: (NewContact | null)[] = []
  for (const record of records) {
    const raw: Record<string, unknown> = { kind: 'company' }
    columns.forEach((field, index) => {
      const cell = unescapeFormula((record.cells[index] ?? '').trim())
      if (field && cell !== '') raw[field] = cellValue(field, cell)
    })
    try {
      const contact = await createContactValidator.validate(raw, { messagesProvider })
      rows.push({ line: record.line, data: { ...contact }, errors: [] })
      parsed.push(contact)
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      const messages = error.messages as { field: string; message: string }[]
      rows.push({ line: record.line, data: raw, errors: messages.map(({ field, message }) => ({ field, message })) })
      parsed.push(null)
    }
  }

  await flagDuplicateEmails(rows, parsed, i18n, client)

  const contacts = parsed.filter((contact): contact is NewContact => contact !== null)
  return { rows, valid: contacts.length, invalid: rows.length - contacts.length, ignoredColumns, contacts }
}

/** The email of a row, valid or not, unless the email itself is what is wrong with it. */
function rowEmail(row: ImportRow, contact: NewContact | null) {
  if (contact) return contact.email?.toLowerCase()
  if (row.errors.some((error) => error.field === 'email') || typeof row.data.email !== 'string') return undefined
  return row.data.email.trim().toLowerCase()
}

/**
 * An email used by an active contact, or twice in the file, refuses the row (the later one, in the
 * file); rows refused for other reasons get the error too, so one pass over the preview fixes all.
 */
async function flagDuplicateEmails(rows: ImportRow[], parsed: (NewContact | null)[], i18n: I18n, client?: QueryClientContract) {
  const byRow = rows.map((row, index) => rowEmail(row, parsed[index]))
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
    else if (seen.has(email)) message = i18n.t('contacts.import.emailTwiceInFile', { line: seen.get(email) })
    else seen.set(email, rows[index].line)
    if (message) {
      rows[index].errors.push({ field: 'email', message })
      parsed[index] = null
    }
  })
}
