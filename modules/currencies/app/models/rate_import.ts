import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'
import type { RejectedRow } from '../services/rate_import.ts'

/** Where an import stands: waiting for (or inside) its job, done, or refused by the job as a whole. */
export const RATE_IMPORT_STATUSES = ['queued', 'completed', 'failed'] as const
export type RateImportStatus = (typeof RATE_IMPORT_STATUSES)[number]

/** A CSV file of daily rates, uploaded by a user and recorded by the `currencies.import_rates` job. */
export default class RateImport extends TenantModel {
  static table = 'currencies.imports'

  @column({ isPrimary: true })
  declare id: string

  /** Who uploaded the file; null once that user is deleted. */
  @column()
  declare userId: string | null

  @column()
  declare jobId: string

  @column()
  declare fileName: string

  /** Where the uploaded CSV is kept (platform file service) until the job has read it. */
  @column()
  declare filePath: string

  @column()
  declare locale: 'fr' | 'en'

  @column()
  declare status: RateImportStatus

  /** Data rows of the file (its header excluded). */
  @column()
  declare rowCount: number

  @column()
  declare importedCount: number | null

  @column({ prepare: (value: RejectedRow[]) => JSON.stringify(value) })
  declare rejected: RejectedRow[]

  /** Why the job refused the whole file (`E_RATE_IMPORT_UNREADABLE`), when it did. */
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
