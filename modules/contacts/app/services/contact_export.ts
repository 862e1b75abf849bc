import type { I18n } from '@adonisjs/i18n'
import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { organizations, tenantContext } from '@ia/kernel/contracts'
import type Contact from '../models/contact.ts'
import { type ContactFilters, contactsQuery } from '../queries/list_contacts.ts'
import type ContactImport from '../models/contact_import.ts'
import { CSV_FIELDS, IMPORT_FIELDS, type ImportField } from './contact_columns.ts'
import { formatCsvLine } from './csv.ts'
import { EXPORT_DATE_TIME } from './contact_values.ts'

/** Rows read per query while exporting: memory stays flat whatever the number of contacts. */
const EXPORT_BATCH = 1000

/** Excel opens a UTF-8 CSV with accents intact only when it starts with a byte order mark. */
const BOM = '\uFEFF'

/** The separator Excel expects in the user's language: French Excel splits on `;`. */
export function exportDelimiter(i18n: I18n) {
  return i18n.locale === 'fr' ? ';' : ','
}

/** A date and time in the organisation's time zone, written the way spreadsheets read a date ("2025-03-31 14:05:00"). */
function spreadsheetDate(date: DateTime, timeZone: string) {
  return date.setZone(timeZone).toFormat(EXPORT_DATE_TIME)
}

function cells(contact: Contact, i18n: I18n, timeZone: string) {
  const yesNo = (value: boolean) => i18n.t(value ? 'contacts.csv.yes' : 'contacts.csv.no')
  const values: Record<(typeof CSV_FIELDS)[number], string | null> = {
    name: contact.name,
    kind: i18n.t(`contacts.csv.kinds.${contact.kind}`),
    isCustomer: yesNo(contact.isCustomer),
    isSupplier: yesNo(contact.isSupplier),
    email: contact.email,
    phone: contact.phone,
    address: contact.address,
    city: contact.city,
    country: contact.country,
    rccm: contact.rccm,
    idNat: contact.idNat,
    nif: contact.nif,
    preferredCurrency: contact.preferredCurrency,
    preferredLocale: contact.preferredLocale,
    tags: contact.tags.join(', '),
    notes: contact.notes,
  }
  const dates = [
    contact.archivedAt ? spreadsheetDate(contact.archivedAt, timeZone) : null,
    spreadsheetDate(contact.createdAt, timeZone),
  ]
  return [...CSV_FIELDS.map((field) => values[field]), ...dates]
}

/**
 * The organisation's contacts matching `filters` as CSV, produced batch by batch so a large
 * export never sits in memory; dates are in the organisation's time zone. It runs after the
 * request handler has returned, hence the explicit organisation. What it writes, the import
 * reads back unchanged.
 */
export async function* contactsCsv(organizationId: string, filters: ContactFilters, i18n: I18n) {
  const delimiter = exportDelimiter(i18n)
  const { timeZone, country } = (await organizations.find(organizationId))!
  const query = { ...filters, phoneCountry: country }
  yield (
    BOM + formatCsvLine(columnHeaders([...CSV_FIELDS, 'archivedAt', 'createdAt'], i18n), delimiter)
  )
  // One snapshot for every batch: contacts created or edited meanwhile can neither shift a row
  // out of the file nor into it twice.
  const snapshot = await db.transaction({ isolationLevel: 'repeatable read' })
  try {
    await snapshot.rawQuery('SET TRANSACTION READ ONLY')
    for (let offset = 0; ; offset += EXPORT_BATCH) {
      const batch = await tenantContext.run(organizationId, () =>
        contactsQuery(query, snapshot).limit(EXPORT_BATCH).offset(offset).exec()
      )
      if (batch.length)
        yield batch
          .map((contact) => formatCsvLine(cells(contact, i18n, timeZone), delimiter))
          .join('')
      if (batch.length < EXPORT_BATCH) return
    }
  } finally {
    await snapshot.rollback()
  }
}

/** The header of each field as exports write it, in the user's language (the import reads both languages). */
function columnHeaders(fields: readonly string[], i18n: I18n) {
  return fields.map((field) => i18n.t(`contacts.csv.columns.${field}`))
}

/** An empty file to fill in: the header line in the user's language, with the separator their spreadsheet expects. */
export function contactsTemplateCsv(i18n: I18n) {
  return BOM + formatCsvLine(columnHeaders(CSV_FIELDS, i18n), exportDelimiter(i18n))
}

/**
 * The rows an import refused, as the file had them, under the headers exports write (so the corrected
 * file imports without mapping its columns again), with a last column saying why each was refused; the
 * import ignores that column.
 */
export function rejectedRowsCsv(contactImport: ContactImport, i18n: I18n) {
  const fields = IMPORT_FIELDS.filter((field) => contactImport.mapping?.[field] !== undefined)
  const headers = columnHeaders(fields, i18n)
  const delimiter = exportDelimiter(i18n)
  const reasons = new Map<number, string[]>()
  for (const { line, field, message } of contactImport.errors) {
    const header = fields.includes(field as ImportField)
      ? headers[fields.indexOf(field as ImportField)]
      : field
    reasons.set(line, [
      ...(reasons.get(line) ?? []),
      i18n.t('contacts.csv.reasonItem', { column: header, message }),
    ])
  }
  const lines = contactImport.rejectedRows.map(({ line, values }) =>
    formatCsvLine(
      [...fields.map((field) => values[field] ?? ''), (reasons.get(line) ?? []).join('; ')],
      delimiter
    )
  )
  return (
    BOM + formatCsvLine([...headers, i18n.t('contacts.csv.reason')], delimiter) + lines.join('')
  )
}
