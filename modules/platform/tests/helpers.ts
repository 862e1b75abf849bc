import app from '@adonisjs/core/services/app'
import type mail from '@adonisjs/mail/services/main'
import User from '../app/models/user.ts'
import Organization from '../app/models/organization.ts'
import Membership, { type Role } from '../app/models/membership.ts'

export type { JobProgressEvent } from '../app/services/live/job_progress.ts'
export { User, Organization, Membership }
export { default as Invitation } from '../app/models/invitation.ts'
export {
  inspectRoutes,
  isApiRoute,
  isDocumentedRoute,
  type InspectedRoute,
} from '../app/openapi/route_inspection.ts'
export { buildOpenApiDocument, openApiPath } from '../app/openapi/document_builder.ts'

/** The password every test user gets. */
export const TEST_PASSWORD = 'motdepasse-solide'

let sequence = 0

/** Creates a user with a unique email. */
export async function createUser(
  overrides: Partial<Pick<User, 'email' | 'fullName' | 'locale'>> = {}
) {
  sequence += 1
  return User.create({
    fullName: overrides.fullName ?? `Utilisateur ${sequence}`,
    email: overrides.email ?? `user${sequence}-${Date.now()}@example.cd`,
    password: TEST_PASSWORD,
    locale: overrides.locale ?? 'fr',
  })
}

/** Creates an organisation owned by `owner`. */
export async function createOrganization(owner: User, name = `Organisation ${++sequence}`) {
  const organization = await Organization.create({ name })
  await organization.refresh()
  await Membership.create({ organizationId: organization.id, userId: owner.id, role: 'owner' })
  return organization
}

/** Adds `user` to `organization` with `role`. */
export async function addMember(organization: Organization, user: User, role: Role) {
  return Membership.create({ organizationId: organization.id, userId: user.id, role })
}

/** Enables a module for an organisation as its owner would. */
export async function enableModule(organization: Organization, moduleId: string, actor: User) {
  const registry = await app.container.make('platform.modules')
  return registry.enable(organization.id, moduleId, { id: actor.id, ip: null })
}

/** A user with their own organisation, the usual starting point of a test. */
export async function createOwnerWithOrganization(name?: string) {
  const owner = await createUser()
  const organization = await createOrganization(owner, name)
  return { owner, organization }
}

/** The audit lines matching `filter` (column names in snake_case), oldest first: how other modules' tests read the audit log. */
export async function auditTrail(filter: Record<string, string | number>) {
  const { default: AuditEntry } = await import('../app/models/audit_entry.ts')
  return AuditEntry.query().where(filter).orderBy('id', 'asc')
}

/** Runs every due job of the outbox here and now, as a worker would (inside the test's transaction): how tests see queued mails leave. */
export async function runQueuedJobs() {
  const { EmbeddedWorker } = await import('../app/jobs/embedded_worker.ts')
  const worker = new EmbeddedWorker({ concurrency: 1, pollMs: 1000, leaseMs: 60_000 })
  for (let round = 0; round < 1000; round++) if (!(await worker.runOnce())) return
  throw new Error('The outbox still has due rows after 1000 runs (a job that queues itself again?)')
}

/** The token of the `path?token=` link in the message sent to `email`. */
export function tokenSentTo(mails: ReturnType<typeof mail.fake>, email: string, path: string) {
  const message = mails.messages.sent().find((sent) => sent.hasTo(email))
  if (!message) throw new Error(`No mail sent to ${email}`)
  const match = String(message.toJSON().message.text).match(
    new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`)
  )
  if (!match) throw new Error(`No ${path} link in the mail to ${email}`)
  return match[1]
}

/** The messages of these names still waiting in the outbox (neither published nor failed): how other modules' tests wait for their queued work. */
export async function pendingMessages(names: string[]) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const rows = await db
    .from('platform.outbox')
    .whereIn('name', names)
    .whereNull('published_at')
    .whereNull('failed_at')
    .count('* as count')
  return Number(rows[0].count)
}

/** How many messages named `name` were queued since `since`. */
export async function messagesQueuedSince(name: string, since: Date) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const rows = await db
    .from('platform.outbox')
    .where('name', name)
    .where('created_at', '>=', since)
    .count('* as count')
  return Number(rows[0].count)
}

/** The broker delivering a message again: a copy of its outbox row, not yet published. */
export async function redeliverMessage(messageId: string) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  await db.rawQuery(
    `INSERT INTO platform.outbox (message_id, kind, name, payload, organization_id, consumer, attempt, occurred_at)
     SELECT message_id, kind, name, payload, organization_id, consumer, attempt, occurred_at
     FROM platform.outbox WHERE message_id = ? LIMIT 1`,
    [messageId]
  )
}

/** How many times `consumer` recorded handling the message (its idempotency record). */
export async function handledCount(messageId: string, consumer: string) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const rows = await db
    .from('platform.processed_messages')
    .where({ message_id: messageId, consumer })
    .count('* as count')
  return Number(rows[0].count)
}

/** The last slot a schedule ran for, or null before its first run. */
export async function scheduleLastSlot(name: string): Promise<Date | null> {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const row = await db.from('platform.job_schedules').where('name', name).first()
  return row ? new Date(row.last_slot) : null
}

/** Sets the last slot a schedule ran for, as after a downtime that began then; null forgets the schedule. */
export async function setScheduleLastSlot(name: string, slot: Date | null) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  if (slot === null) {
    await db.from('platform.job_schedules').where('name', name).delete()
    return
  }
  await db.rawQuery(
    `INSERT INTO platform.job_schedules (name, last_slot) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET last_slot = EXCLUDED.last_slot`,
    [name, slot]
  )
}
