import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '@ia/kernel/contracts'
import PaymentAllocation from './payment_allocation.ts'

/** How a customer paid. */
export const PAYMENT_METHODS = ['cash', 'transfer', 'mobile_money', 'card'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/** Money received from a customer, split over one or several invoices; reversed, never deleted. */
export default class Payment extends TenantModel {
  static table = 'invoicing.payments'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare method: PaymentMethod

  @column()
  declare reference: string | null

  @column.date()
  declare receivedOn: DateTime

  @column()
  declare currency: string

  @column()
  declare amountMinor: string

  /** The organisation's book currency, which the exchange difference is in. */
  @column()
  declare bookCurrency: string

  /** Gain (positive) or loss in the book currency against the rates the invoices were issued at. */
  @column()
  declare exchangeDifferenceMinor: string

  @column()
  declare customerId: string

  @column()
  declare createdBy: string | null

  @column.dateTime()
  declare reversedAt: DateTime | null

  @column()
  declare reversedBy: string | null

  @column()
  declare reversalReason: string | null

  /** Made by the sample data, and removed with it. */
  @column()
  declare sample: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @hasMany(() => PaymentAllocation)
  declare allocations: HasMany<typeof PaymentAllocation>
}
