import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'
import type { LineInput } from '../services/document_lines.ts'
import type { ClientCategory } from './document.ts'

/** How often a recurring invoice is issued. */
export const RECURRING_FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const
export type RecurringFrequency = (typeof RECURRING_FREQUENCIES)[number]

/** Whether the job issues it: `paused` keeps its place, `ended` never issues again. */
export const RECURRING_STATUSES = ['active', 'paused', 'ended'] as const
export type RecurringStatus = (typeof RECURRING_STATUSES)[number]

/** An invoice issued again every month, quarter or year from its first date until its end date. */
export default class RecurringInvoice extends TenantModel {
  static table = 'invoicing.recurring_invoices'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare customerId: string

  @column()
  declare customerName: string

  @column()
  declare frequency: RecurringFrequency

  @column.date()
  declare startDate: DateTime

  @column.date()
  declare endDate: DateTime | null

  /** The next occurrence to issue; null once ended. */
  @column.date()
  declare nextIssueDate: DateTime | null

  /** How many occurrences were issued: the next one is `startDate` plus this many periods. */
  @column()
  declare issuedCount: number

  @column()
  declare status: RecurringStatus

  @column()
  declare currency: string

  @column()
  declare paymentTermsDays: number

  @column()
  declare clientCategory: ClientCategory | null

  @column()
  declare notes: string | null

  @column({ prepare: (value: LineInput[]) => JSON.stringify(value) })
  declare lines: LineInput[]

  /** Why the last occurrence could not be issued (a missing rate...), shown until one succeeds. */
  @column()
  declare lastError: string | null

  /** Whether each invoice issued from the template is emailed to the customer at once (PDF attached). */
  @column()
  declare sendByEmail: boolean

  @column()
  declare createdBy: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
