import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

import type { LocalizedText, NotificationLevel } from '@ia/kernel/contracts'

/** Something the platform told one user; read or not. */
export default class Notification extends BaseModel {
  static table = 'platform.notifications'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: string

  @column()
  declare organizationId: string | null

  @column()
  declare title: LocalizedText

  @column()
  declare body: LocalizedText

  @column()
  declare link: string | null

  @column()
  declare level: NotificationLevel

  @column.dateTime()
  declare readAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
