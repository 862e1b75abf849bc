/*
 * The API reference of the signed-in user's notifications. Live updates (the `/__transmit/*`
 * server-sent-event endpoints) are transmit's protocol, described in the API contract, not here.
 */
import { notificationsPageValidator } from '../app/validators/live.ts'
import { defineSchemas, describeRoute, schemaRef } from '../app/openapi/registry.ts'

const localized = { type: 'object', properties: { fr: { type: 'string' }, en: { type: 'string' } }, required: ['fr', 'en'] }

defineSchemas({
  Notification: {
    type: 'object',
    description: 'Something the platform told the user. Also pushed live on the channel `users/<userId>/notifications`.',
    properties: {
      id: { type: 'string', format: 'uuid' },
      organizationId: { type: ['string', 'null'], format: 'uuid', description: 'The organisation it is about, if any.' },
      title: localized,
      body: localized,
      link: { type: ['string', 'null'], description: 'A path of the shell to open, e.g. `/orgs/<id>/contacts`.' },
      level: { enum: ['info', 'success', 'warning', 'error'] },
      readAt: { type: ['string', 'null'], format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
    },
    required: ['id', 'organizationId', 'title', 'body', 'link', 'level', 'readAt', 'createdAt'],
  },
})

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
          data: { type: 'array', items: schemaRef('Notification') },
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
