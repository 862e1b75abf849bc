import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

export const PAYOUT_STATUSES = [
  'awaiting_approval',
  'rejected',
  'sending',
  'sent',
  'paid',
  'failed',
] as const
/** awaiting_approval → rejected, or → sending (approved by a second person) → sent (the gateway took it) → paid or failed. */
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number]

/** Money sent from the organisation's gateway account to a supplier's phone. */
export default class Payout extends TenantModel {
  static table = 'payments.payouts'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare orderId: string

  @column()
  declare beneficiaryName: string

  @column()
  declare providerId: number

  /** E.164. */
  @column()
  declare phone: string

  @column()
  declare amountMinor: string

  @column()
  declare currency: string

  @column()
  declare reason: string

  @column()
  declare status: PayoutStatus

  @column()
  declare requestedBy: string

  /** Who approved or rejected it: never the person who asked. */
  @column()
  declare decidedBy: string | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column()
  declare gatewayTransactionId: string | null

  @column()
  declare operatorReference: string | null

  @column()
  declare failure: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
