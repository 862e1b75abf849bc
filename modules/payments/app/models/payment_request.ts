import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

export const PAYMENT_REQUEST_STATUSES = ['pending', 'paid', 'failed', 'disputed'] as const
/** pending: the phone was asked; paid: the gateway confirmed and the invoice payment is recorded; failed: declined or expired; disputed: the gateway's answer did not match what was asked, nothing recorded. */
export type PaymentRequestStatus = (typeof PAYMENT_REQUEST_STATUSES)[number]

/** A customer's phone asked to pay (the rest of) an invoice. */
export default class PaymentRequest extends TenantModel {
  static table = 'payments.payment_requests'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare documentId: string

  @column()
  declare documentNumber: string

  @column()
  declare orderId: string

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
  declare status: PaymentRequestStatus

  @column()
  declare gatewayTransactionId: string | null

  @column()
  declare operatorReference: string | null

  @column()
  declare invoicingPaymentId: string | null

  @column()
  declare failure: string | null

  /** When the gateway was last asked about it. */
  @column.dateTime()
  declare checkedAt: DateTime | null

  @column.dateTime()
  declare settledAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
