import { http } from '../config'
import { withQuery } from '../http'
import type { NotificationPage } from '../types'

const base = '/api/v1/auth/notifications'

/** A page of my notifications, newest first, with my unread count. */
export function listNotifications(
  query: { page?: number; perPage?: number; unread?: boolean } = {}
): Promise<NotificationPage> {
  return http.get(withQuery(base, query))
}

/** Marks one of my notifications read. */
export function markNotificationRead(id: string): Promise<void> {
  return http.post(`${base}/${encodeURIComponent(id)}/read`)
}

/** Marks all my notifications read. */
export function markAllNotificationsRead(): Promise<void> {
  return http.post(`${base}/read-all`)
}
