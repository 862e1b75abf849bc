/*
 * The shapes pushed on the live channels (server-sent events): no route answers them, but they are
 * components of the API reference all the same, so the SDK's types of them are generated too.
 */
import {
  defineSchemas,
  defineSerializer,
  isoTimestamp,
  isoTimestampOrNull,
  NOTIFICATION_LEVELS,
  Type,
  wire,
  type Static,
} from '@ia/kernel/contracts'
import type Notification from '../models/notification.ts'
import type { JobProgressEvent } from '../services/live/job_progress.ts'

/** Where a job stands, as its progress tells it. */
export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed'] as const

/** What the browser receives on `users/<userId>/jobs` and `orgs/<orgId>/jobs`, never the internal error (the `JobProgress` schema). */
export const serializeJobProgress = defineSerializer(
  'JobProgress',
  Type.Object({
    jobId: Type.String(),
    organizationId: wire.text(),
    name: Type.String({ description: '`<module>.<job>`, e.g. `contacts.import`.' }),
    label: wire.nullable(wire.localized('What the job does, in words.')),
    status: wire.oneOf(JOB_STATUSES),
    percent: Type.Integer({ minimum: 0, maximum: 100 }),
    message: wire.nullable(wire.localized()),
  }),
  (event: JobProgressEvent) => ({
    jobId: event.jobId,
    organizationId: event.organizationId,
    name: event.name,
    label: event.label ?? null,
    status: event.status,
    percent: Math.max(0, Math.min(100, Math.round(event.percent))),
    message: event.message ?? null,
  })
)

/** A notification, in the API and on `users/<userId>/notifications` (the `Notification` schema). */
export const serializeNotification = defineSerializer(
  'Notification',
  Type.Object(
    {
      id: wire.uuid(),
      organizationId: wire.text('The organisation it is about, if any.'),
      title: wire.localized(),
      body: wire.localized(),
      link: wire.text('A path of the shell to open, e.g. `/orgs/<id>/contacts`.'),
      level: wire.oneOf(NOTIFICATION_LEVELS),
      readAt: wire.dateTimeOrNull(),
      createdAt: wire.dateTime(),
    },
    {
      description:
        'Something the platform told the user. Also pushed live on the channel `users/<userId>/notifications`.',
    }
  ),
  (notification: Notification) => ({
    id: notification.id,
    organizationId: notification.organizationId,
    title: notification.title,
    body: notification.body,
    link: notification.link,
    level: notification.level,
    readAt: isoTimestampOrNull(notification.readAt),
    createdAt: isoTimestamp(notification.createdAt),
  })
)

const notificationMessage = Type.Union([
  Type.Object({
    type: Type.Literal('created'),
    notification: Type.Unsafe<Static<typeof serializeNotification.schema>>(
      serializeNotification.ref
    ),
    unread: Type.Integer(),
  }),
  Type.Object({
    type: Type.Literal('read'),
    ids: Type.Array(Type.String()),
    unread: Type.Integer(),
  }),
])
defineSchemas({ NotificationMessage: notificationMessage })

/** What arrives on `users/<userId>/notifications`: a new notification, or some marked read; with the unread count. */
export type NotificationMessage = Static<typeof notificationMessage>
