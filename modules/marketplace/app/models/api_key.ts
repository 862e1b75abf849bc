import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

/**
 * A tenant admin's API key for a third-party integration: a scoped token of that admin, narrowed to the
 * organisation and the scopes chosen (it stops working if the admin leaves the organisation).
 */
export default class ApiKey extends TenantModel {
  static table = 'marketplace.api_keys'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare name: string

  @column()
  declare scopes: string[]

  @column()
  declare tokenId: string

  @column()
  declare createdBy: string

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
