import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'
import type { ImportMapping } from '../services/contact_columns.ts'
import type { RejectedRow } from '../services/contact_import.ts'

/** Where an import stands: waiting for (or inside) its job, done, or refused by the job as a whole. */
export const CONTACT_IMPORT_STATUSES = ['queued', 'completed', 'failed'] as const
export type ContactImportStatus = (typeof CONTACT_IMPORT_STATUSES)[number]

/** A refused row of an import: its line in the file, the field and why, in the importer's language. */
export type ContactImportRowError = { line: number; field: string; message: string }

/** A CSV import of contacts, confirmed by a user and run by the `contacts.import` job. */
export default class ContactImport extends TenantModel {
  static table = 'contacts.imports'

  @column({ isPrimary: true })
  declare id: string

  /** Who confirmed the import; null once that user is deleted. */
  @column()
  declare userId: string | null

  @column()
  declare jobId: string

  /** The name of the uploaded file, as the user's computer called it. */
  @column()
  declare fileName: string

  /** Where the uploaded CSV is kept (platform file service) until the job has imported it. */
  @column()
  declare filePath: string

  @column()
  declare locale: 'fr' | 'en'

  @column()
  declare status: ContactImportStatus

  /** Data rows of the file (its header excluded). */
  @column()
  declare rowCount: number

  @column()
  declare importedCount: number | null

  @column()
  declare skippedCount: number | null

  @column({ prepare: (value: ContactImportRowError[]) => JSON.stringify(value) })
  declare errors: ContactImportRowError[]

  /** Which column of the file fills each field, as confirmed (chosen by hand, or read from the headers). */
  @column({ prepare: (value: ImportMapping | null) => (value ? JSON.stringify(value) : null) })
  declare mapping: ImportMapping | null

  /** The refused rows as the file had them, once completed, for the user to correct and import again. */
  @column({ prepare: (value: RejectedRow[]) => JSON.stringify(value) })
  declare rejectedRows: RejectedRow[]

  /** Why the job refused the whole file (`E_IMPORT_*`), when it did. */
  @column()
  declare errorCode: string | null

  @column()
  declare errorMessage: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @column.dateTime()
  declare finishedAt: DateTime | null
}
