import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LocalizedText } from '../catalog/module_catalog.ts'

/** How a notification is shown. */
export const NOTIFICATION_LEVELS = ['info', 'success', 'warning', 'error'] as const
/** One of `NOTIFICATION_LEVELS`. */
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number]

/** What a module tells a user. `link` is a path inside the shell, e.g. `/orgs/<id>/contacts/<id>`. */
export type NotificationInput = {
  title: LocalizedText
  body: LocalizedText
  link?: string | null
  level?: NotificationLevel
  /** The organisation it is about, if any. */
  organizationId?: string | null
}

/** A notification as the API and the live channel show it. */
export type NotificationView = {
  id: string
  organizationId: string | null
  title: LocalizedText
  body: LocalizedText
  link: string | null
  level: NotificationLevel
  readAt: string | null
  createdAt: string
}

/** Tells users what happened, in the application and on their live channel. */
export interface Notifier {
  /** Stores the notification for `userId` (in the caller's transaction when given), pushes it live once committed; resolves to its id. */
  notify(
    userId: string,
    input: NotificationInput,
    options?: { client?: TransactionClientContract }
  ): Promise<string>
}
