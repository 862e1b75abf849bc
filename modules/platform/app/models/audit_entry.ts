import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from './user.ts'

/** One line of an organisation's audit log. */
export default class AuditEntry extends BaseModel {
  static table = 'platform.audit_entries'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: string

  @column()
  declare actorId: string | null

  @column()
  declare action: string

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: string | null

  @column()
  declare metadata: Record<string, unknown>

  @column()
  declare ip: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User, { foreignKey: 'actorId' })
  declare actor: BelongsTo<typeof User>
}
