import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import {
  NOTIFICATION_LEVELS,
  type LocalizedText,
  type NotificationInput,
  type Notifier,
} from '@ia/kernel/contracts'
import Notification from '../models/notification.ts'
import Membership from '../models/membership.ts'
import { live } from './live/live.ts'
import {
  serializeNotification,
  type NotificationMessage,
} from '../transformers/live_transformer.ts'

/** The live channel of a user's notifications. */
export function notificationsChannel(userId: string) {
  return `users/${userId}/notifications`
}

function isLocalized(value: unknown): value is LocalizedText {
  const text = value as LocalizedText
  return (
    typeof text?.fr === 'string' &&
    typeof text?.en === 'string' &&
    text.fr.trim() !== '' &&
    text.en.trim() !== ''
  )
}

/** Stores notifications, counts the unread ones, and pushes each change to the user's open pages. */
export class NotificationsService implements Notifier {
  /**
   * Notifies a user. Pass the caller's transaction as `client` so the notification commits with
   * the change it reports; it is pushed to the user's pages once committed. Returns its id.
   */
  async notify(
    userId: string,
    input: NotificationInput,
    options: { client?: TransactionClientContract } = {}
  ) {
    if (!isLocalized(input.title) || !isLocalized(input.body)) {
      throw new TypeError('notifications.notify: title and body need non-empty fr and en texts')
    }
    const link = input.link ?? null
    if (link !== null && !/^\/(?![/\\])/.test(link))
      throw new TypeError('notifications.notify: link must be a path of the shell')
    const level = input.level ?? 'info'
    if (!NOTIFICATION_LEVELS.includes(level))
      throw new TypeError(`notifications.notify: unknown level ${level}`)

    const notification = await Notification.create(
      {
        userId,
        organizationId: input.organizationId ?? null,
        title: input.title,
        body: input.body,
        link,
        level,
      },
      { client: options.client }
    )
    const push = async () => {
      const message: NotificationMessage = {
        type: 'created',
        notification: serializeNotification(notification),
        unread: await this.unreadCount(userId),
      }
      live.broadcast(notificationsChannel(userId), message)
    }
    if (options.client) options.client.after('commit', push)
    else await push()
    return notification.id
  }

  async unreadCount(userId: string, client?: TransactionClientContract) {
    const row = await (client ?? db)
      .from(Notification.table)
      .where('user_id', userId)
      .where((query) => visibleToMember(query, userId))
      .whereNull('read_at')
      .count('* as total')
      .first()
    return Number(row?.total ?? 0)
  }

  /** Marks some (or, without `ids`, all) of a user's notifications read; returns the ids changed. */
  async markRead(userId: string, ids?: string[]) {
    const changed = await db.transaction(async (trx) => {
      const query = trx.from(Notification.table).where('user_id', userId).whereNull('read_at')
      if (ids) query.whereIn('id', ids)
      const rows: { id: string }[] = await query.update({ read_at: new Date() }).returning('id')
      return rows.map((row) => row.id)
    })
    if (changed.length) {
      const message: NotificationMessage = {
        type: 'read',
        ids: changed,
        unread: await this.unreadCount(userId),
      }
      live.broadcast(notificationsChannel(userId), message)
    }
    return changed
  }
}

/**
 * Limits notifications to those a user may still see: personal ones, and those of organisations
 * they still belong to (someone who left keeps nothing of its organisation).
 */
export function visibleToMember(
  query: DatabaseQueryBuilderContract | ModelQueryBuilderContract<typeof Notification>,
  userId: string
) {
  query
    .whereNull('organization_id')
    .orWhereIn(
      'organization_id',
      db.from(Membership.table).where('user_id', userId).select('organization_id')
    )
}

let notifications!: NotificationsService
await app.booted(async () => {
  notifications = await app.container.make('platform.notifications')
})

/** The platform's notification service (`platform.notifications` in the container): `notifications.notify(userId, { title, body, link, level })`. */
export { notifications }
