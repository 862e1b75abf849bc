import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** What a one-time emailed token is for. */
export type UserTokenPurpose = 'verify_email' | 'reset_password' | 'change_email'

/** A one-time token sent by email (verification, password reset); only its hash is stored. */
export default class UserToken extends BaseModel {
  static table = 'platform.user_tokens'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: string

  @column()
  declare purpose: UserTokenPurpose

  @column({ serializeAs: null })
  declare tokenHash: string

  /** The address a `change_email` token moves the account to once the link is followed. */
  @column()
  declare newEmail: string | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare usedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
