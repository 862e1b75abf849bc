import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { handlerRegistry } from './registry.ts'
import { emitJobProgress } from './progress.ts'
import type { DispatchOptions, PublishOptions } from './types.ts'
import { translateJobTitle } from './job_title.ts'

/** The PostgreSQL channel a committed outbox row is announced on (NOTIFY is sent at commit only). */
export const OUTBOX_CHANNEL = 'platform_outbox'

/** A new outbox row: one delivery attempt of a job or an event. */
export type OutboxInsert = {
  messageId: string
  kind: 'job' | 'event'
  name: string
  payload: unknown
  organizationId: string | null
  userId: string | null
  consumer?: string | null
  attempt?: number
  occurredAt?: Date
  availableAt?: Date
}

/** Writes outbox rows in `client`'s transaction, in one statement, and wakes the relay or the workers once it commits. */
export async function insertOutboxRows(client: TransactionClientContract, rows: OutboxInsert[]) {
  if (!rows.length) return
  const now = new Date()
  await client
    .insertQuery()
    .table('platform.outbox')
    .multiInsert(
      rows.map((row) => ({
        message_id: row.messageId,
        kind: row.kind,
        name: row.name,
        payload: JSON.stringify(row.payload ?? null),
        organization_id: row.organizationId,
        user_id: row.userId,
        consumer: row.consumer ?? null,
        attempt: row.attempt ?? 1,
        created_at: now,
        occurred_at: row.occurredAt ?? now,
        available_at: row.availableAt ?? now,
      }))
    )
  for (const kind of new Set(rows.map((row) => row.kind)))
    await client.rawQuery('SELECT pg_notify(?, ?)', [OUTBOX_CHANNEL, kind])
}

/** Writes one outbox row (see insertOutboxRows). */
export function insertOutboxRow(client: TransactionClientContract, row: OutboxInsert) {
  return insertOutboxRows(client, [row])
}

/** Runs `work` in the caller's transaction, or in a new one. */
async function inTransaction<T>(
  client: TransactionClientContract | undefined,
  work: (trx: TransactionClientContract) => Promise<T>
) {
  return client ? work(client) : db.transaction(work)
}

/** Queues a job: its row and its outbox row commit or roll back with the caller's transaction. */
export async function dispatchJob<P>(name: string, payload: P, options: DispatchOptions = {}) {
  const job = handlerRegistry.job(name)
  if (!job)
    throw new Error(
      `Job "${name}" is not registered: call jobs.register() in the module provider's boot()`
    )
  const id = randomUUID()
  const organizationId = options.organizationId ?? null
  const userId = options.userId ?? null
  const title = options.title ?? (job.title ? { key: job.title } : undefined)
  const label = options.label ?? (title ? translateJobTitle(title) : null)
  await inTransaction(options.client, async (trx) => {
    const now = new Date()
    await trx
      .insertQuery()
      .table('platform.jobs')
      .insert({
        id,
        name,
        organization_id: organizationId,
        user_id: userId,
        label: label ? JSON.stringify(label) : null,
        payload: JSON.stringify(payload ?? null),
        status: 'queued',
        max_attempts: job.maxAttempts,
        created_at: now,
        updated_at: now,
      })
    const availableAt = options.delayMs ? new Date(now.getTime() + options.delayMs) : undefined
    await insertOutboxRow(trx, {
      messageId: id,
      kind: 'job',
      name,
      payload,
      organizationId,
      userId,
      availableAt,
    })
    trx.after('commit', () => {
      emitJobProgress({
        jobId: id,
        organizationId,
        userId,
        name,
        label,
        status: 'queued',
        percent: 0,
        message: null,
      })
    })
  })
  return id
}

/** Records a domain event: it exists for its consumers if and only if the caller's transaction commits. */
export async function publishEvent<P>(name: string, payload: P, options: PublishOptions) {
  const [id] = await publishEvents(name, [payload], options)
  return id
}

/** Records one `name` event per payload, in one statement: many facts at once (an import) cost one round trip. */
export async function publishEvents<P>(name: string, payloads: P[], options: PublishOptions) {
  if (!options?.organizationId)
    throw new Error(`Event "${name}" needs the organisation it happened in`)
  const rows = payloads.map((payload) => ({
    messageId: randomUUID(),
    kind: 'event' as const,
    name,
    payload,
    organizationId: options.organizationId,
    userId: null,
  }))
  await inTransaction(options.client, (trx) => insertOutboxRows(trx, rows))
  return rows.map((row) => row.messageId)
}
