import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

/** What was done with a callback or a status answer. */
export type GatewayEventOutcome =
  | 'paid'
  | 'already_paid'
  | 'pending'
  | 'failed'
  | 'bad_signature'
  | 'replayed'
  | 'stale'
  | 'unknown_order'
  | 'mismatch'
  | 'gateway_error'
  | 'payout_paid'
  | 'payout_failed'

/** A line of the operator log: a callback received or a status answer, and its outcome. */
export default class GatewayEvent extends TenantModel {
  static table = 'payments.gateway_events'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare kind: 'callback' | 'status'

  @column()
  declare outcome: GatewayEventOutcome

  @column()
  declare orderId: string | null

  @column()
  declare fingerprint: string | null

  @column()
  declare detail: Record<string, unknown>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
