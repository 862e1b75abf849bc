import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

/** The part of a payment that settles one invoice. */
export default class PaymentAllocation extends TenantModel {
  static table = 'invoicing.payment_allocations'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare paymentId: string

  @column()
  declare documentId: string

  /** Minor units of the payment's currency. */
  @column()
  declare amountMinor: string

  /** Minor units of the invoice's currency that this part settles. */
  @column()
  declare appliedMinor: string

  /** 1 unit of the payment's currency = this many units of the invoice's, on the payment date (null when the same). */
  @column()
  declare exchangeRate: string | null

  /** Gain (positive) or loss, in minor units of the payment's book currency. */
  @column()
  declare exchangeDifferenceMinor: string
}
