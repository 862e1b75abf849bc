import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A module a vendor publishes, by its id; its versions are uploaded one by one. */
export default class Listing extends BaseModel {
  static table = 'marketplace.listings'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare vendorId: string

  @column()
  declare moduleId: string

  /** Where granted events are POSTed (https on a public address). */
  @column()
  declare webhookUrl: string | null

  /** The HMAC-SHA256 key of its webhook signatures, encrypted with the application key. */
  @column({ serializeAs: null })
  declare webhookSecret: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
