import type { HttpContext } from '@adonisjs/core/http'
import Notification from '../models/notification.ts'
import { notFound, isUuid } from '@ia/kernel/contracts'
import { notifications, visibleToMember } from '../services/notifications.ts'
import { serializeNotification } from '../transformers/live_transformer.ts'
import { notificationsPageValidator } from '../validators/live.ts'

/** The signed-in user's notifications: newest first, with the unread count; marking them read. */
export default class NotificationsController {
  async index({ auth, request }: HttpContext) {
    const userId = auth.user!.id
    const {
      page = 1,
      perPage = 20,
      unread,
    } = await request.validateUsing(notificationsPageValidator, { data: request.qs() })
    const query = Notification.query()
      .where('user_id', userId)
      .where((scope) => visibleToMember(scope, userId))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
    if (unread) query.whereNull('read_at')
    const result = await query.paginate(page, perPage)
    return {
      data: result.all().map(serializeNotification),
      meta: {
        total: result.total,
        perPage: result.perPage,
        currentPage: result.currentPage,
        lastPage: result.lastPage,
        unread: await notifications.unreadCount(userId),
      },
    }
  }

  async read({ auth, params, response }: HttpContext) {
    const userId = auth.user!.id
    if (!isUuid(params.notificationId)) throw notFound()
    const notification = await Notification.query()
      .where('id', params.notificationId)
      .where('user_id', userId)
      .where((scope) => visibleToMember(scope, userId))
      .first()
    if (!notification) throw notFound()
    await notifications.markRead(userId, [notification.id])
    return response.noContent()
  }

  async readAll({ auth, response }: HttpContext) {
    await notifications.markRead(auth.user!.id)
    return response.noContent()
  }
}
