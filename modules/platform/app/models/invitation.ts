import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Organization from './organization.ts'
import type { Role } from './membership.ts'

/** An emailed invitation to join an organisation; only the hash of its token is stored. */
export default class Invitation extends BaseModel {
  static table = 'platform.invitations'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare email: string

  @column()
  declare role: Exclude<Role, 'owner'>

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare invitedById: string | null

  @column.dateTime()
  declare expiresAt: DateTime

  /** When the link was last emailed again; null when only the first sending happened. */
  @column.dateTime()
  declare lastSentAt: DateTime | null

  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>
}
