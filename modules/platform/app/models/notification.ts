import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** How a notification is shown: its colour and icon in the shell. */
export const NOTIFICATION_LEVELS = ['info', 'success', 'warning', 'error'] as const
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number]

/** A text in both languages of the product. */
export type LocalizedText = { fr: string; en: string }

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
