/*
 * The API reference of the signed-in user's notifications. Live updates (the `/__transmit/*`
 * server-sent-event endpoints) are transmit's protocol, described in the API contract, not here.
 */
import { notificationsPageValidator } from '../app/validators/live.ts'
import { describeRoute, schemaRef } from '../app/openapi/registry.ts'
import { serializeNotification } from '../app/transformers/live_transformer.ts'

describeRoute('GET /api/v1/auth/notifications', {
  operationId: 'listNotifications',
  summary: 'My notifications, newest first, with my unread count',
  tags: ['Notifications'],
  query: notificationsPageValidator,
  responses: {
    200: {
      description: 'A page of notifications; `meta.unread` counts all my unread ones.',
      schema: {
        type: 'object',
        properties: {
          data: { type: 'array', items: serializeNotification.ref },
          meta: {
            allOf: [schemaRef('PaginationMeta')],
            type: 'object',
            properties: { unread: { type: 'integer' } },
            required: ['unread'],
          },
        },
        required: ['data', 'meta'],
      },
    },
  },
})
describeRoute('POST /api/v1/auth/notifications/:notificationId/read', {
  operationId: 'markNotificationRead',
  summary: 'Mark one of my notifications read',
  tags: ['Notifications'],
  params: { notificationId: 'The notification id (uuid).' },
  responses: { 204: 'Read (also when it already was).' },
})
describeRoute('POST /api/v1/auth/notifications/read-all', {
  operationId: 'markAllNotificationsRead',
  summary: 'Mark all my notifications read',
  tags: ['Notifications'],
  responses: { 204: 'Done.' },
})
