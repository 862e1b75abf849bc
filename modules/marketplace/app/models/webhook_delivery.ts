import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Where a delivery stands: waiting for its (next) attempt, delivered, or failed for good. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

/**
 * One event POSTed (or to be POSTed) to a vendor's webhook URL for one organisation, with the outcome
 * of its last attempt: the log the vendor reads. Read by the vendor across organisations (its own
 * module's deliveries), so not a tenant model; every write names the organisation explicitly.
 */
export default class WebhookDelivery extends BaseModel {
  static table = 'marketplace.webhook_deliveries'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare listingId: string

  @column()
  declare event: string

  @column({ prepare: (value) => JSON.stringify(value) })
  declare payload: Record<string, unknown>

  @column()
  declare status: DeliveryStatus

  @column()
  declare attempts: number

  @column()
  declare lastStatusCode: number | null

  @column()
  declare lastError: string | null

  @column.dateTime()
  declare deliveredAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
