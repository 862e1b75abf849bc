import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './api/notifications'
import { useLiveChannel } from './live'
import { usePlatformSession } from './session'
import type { NotificationMessage, PlatformNotification } from './types'

/** How many notifications the bell's list keeps. */
export const NOTIFICATION_LIST_SIZE = 20

/** The signed-in user's notifications for the bell: the latest ones and the unread count, kept live. */
export const useNotificationCentre = defineStore('platform-notifications', () => {
  const items = ref<PlatformNotification[]>([])
  const unread = ref(0)
  const loaded = ref(false)
  const loading = ref(false)

  const hasUnread = computed(() => unread.value > 0)

  async function load(): Promise<void> {
    loading.value = true
    try {
      const page = await listNotifications({ perPage: NOTIFICATION_LIST_SIZE })
      items.value = page.data
      unread.value = page.meta.unread
      loaded.value = true
    } finally {
      loading.value = false
    }
  }

  /** Takes one live message in; the server's count is the truth. */
  function apply(message: NotificationMessage): void {
    if (message.type === 'created') {
      if (!items.value.some((item) => item.id === message.notification.id)) {
        items.value = [message.notification, ...items.value].slice(0, NOTIFICATION_LIST_SIZE)
      }
    } else {
      const ids = new Set(message.ids)
      const now = new Date().toISOString()
      items.value = items.value.map((item) =>
        ids.has(item.id) && !item.readAt ? { ...item, readAt: now } : item
      )
    }
    unread.value = message.unread
  }

  /** Marks one read at once on screen, and puts it back if the server refuses. */
  async function markRead(id: string): Promise<void> {
    const item = items.value.find((candidate) => candidate.id === id)
    if (!item || item.readAt) return
    const previous = { items: items.value, unread: unread.value }
    items.value = items.value.map((candidate) =>
      candidate.id === id ? { ...candidate, readAt: new Date().toISOString() } : candidate
    )
    unread.value = Math.max(0, unread.value - 1)
    try {
      await markNotificationRead(id)
    } catch (error) {
      items.value = previous.items
      unread.value = previous.unread
      throw error
    }
  }

  async function markAllRead(): Promise<void> {
    const previous = { items: items.value, unread: unread.value }
    const now = new Date().toISOString()
    items.value = items.value.map((item) => (item.readAt ? item : { ...item, readAt: now }))
    unread.value = 0
    try {
      await markAllNotificationsRead()
    } catch (error) {
      items.value = previous.items
      unread.value = previous.unread
      throw error
    }
  }

  function reset(): void {
    items.value = []
    unread.value = 0
    loaded.value = false
  }

  return { items, unread, loaded, loading, hasUnread, load, apply, markRead, markAllRead, reset }
})

/** The bell's data, kept live while the calling component lives: loads once, then follows `users/<me>/notifications`. */
export function useLiveNotifications() {
  const session = usePlatformSession()
  const centre = useNotificationCentre()
  useLiveChannel<NotificationMessage>(
    () => (session.user ? `users/${session.user.id}/notifications` : null),
    centre.apply
  )
  return centre
}
