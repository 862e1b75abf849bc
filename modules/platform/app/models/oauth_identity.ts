import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Links a user to an account at an OAuth/OIDC provider (provider + subject). */
export default class OauthIdentity extends BaseModel {
  static table = 'platform.oauth_identities'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: string

  @column()
  declare provider: string

  @column()
  declare subject: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
