import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantContext } from '../../contracts/tenant_context.ts'
import { backoffDelay, handlerRegistry, type RegisteredConsumer } from './registry.ts'
import { insertOutboxRow } from './outbox.ts'
import { emitJobProgress } from './progress.ts'
import type { JobContext, JobProgressEvent, LocalizedText } from './types.ts'

/** One delivery of an outbox row, from the broker or read straight from PostgreSQL. */
export type Delivery = {
  outboxId: string
  messageId: string
  kind: 'job' | 'event'
  name: string
  payload: unknown
  organizationId: string | null
  userId: string | null
  /** For events: the attempt this row carries for its consumer. */
  attempt: number
  occurredAt: string
}

/**
 * What became of a delivery: handled (or already handled), to be retried later (a new outbox row
 * is committed), or dead (attempts exhausted: the broker moves the message to the dead-letter queue).
 */
export type Outcome = 'completed' | 'skipped' | 'retry' | 'dead'

/** The outcome, and the progress events to emit once the caller's transaction has committed. */
export type DeliveryResult = { outcome: Outcome; announce: () => void }

type StartedJob = { attempts: number; max_attempts: number; label: LocalizedText | null }

/** Where a client reads and writes: the worker's claim transaction (savepoints) or the pool. */
type Runner = TransactionClientContract | typeof db

const MAX_ERROR_LENGTH = 4000

function errorText(error: unknown) {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return text.slice(0, MAX_ERROR_LENGTH)
}

function inTenant<T>(organizationId: string | null, work: () => Promise<T>) {
  return organizationId ? tenantContext.run(organizationId, work) : work()
}

/** The consumer name under which a job's handling is recorded in processed_messages. */
export function jobConsumer(name: string) {
  return `job:${name}`
}

/** Serialises two deliveries of the same message to the same consumer, then tells whether it was handled. */
async function alreadyHandled(trx: TransactionClientContract, messageId: string, consumer: string) {
  await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [`${messageId}/${consumer}`])
  const row = await trx.from('platform.processed_messages').where({ message_id: messageId, consumer }).first()
  return Boolean(row)
}

async function markHandled(trx: TransactionClientContract, messageId: string, consumer: string) {
  await trx.insertQuery().table('platform.processed_messages').insert({ message_id: messageId, consumer, processed_at: new Date() })
}

function progressEvent(delivery: Delivery, label: LocalizedText | null, fields: Pick<JobProgressEvent, 'status' | 'percent' | 'message' | 'error'>): JobProgressEvent {
  return { jobId: delivery.messageId, organizationId: delivery.organizationId, userId: delivery.userId, name: delivery.name, label, ...fields }
}

/**
 * Marks the job running before its handler's transaction opens (committed at once, so the admin page
 * sees it and a worker that dies mid-job still counts the attempt); null when it must not run.
 */
async function markStarted(runner: Runner, jobId: string): Promise<StartedJob | null> {
  const result = await runner.rawQuery(
    `UPDATE platform.jobs SET status = 'running', attempts = attempts + 1, started_at = now(), updated_at = now()
     WHERE id = ? AND status IN ('queued', 'running') RETURNING attempts, max_attempts, label`,
    [jobId]
  )
  return result.rows[0] ?? null
}

/**
 * Runs a job once in effect: its handler's writes and the record that it was handled commit in one
 * transaction, so a redelivered message finds the record and does nothing.
 */
export async function deliverJob(delivery: Delivery, parent?: TransactionClientContract): Promise<DeliveryResult> {
  const runner: Runner = parent ?? db
  const consumer = jobConsumer(delivery.name)
  const registered = handlerRegistry.job(delivery.name)
  const events: JobProgressEvent[] = []
  // A handled job is no longer queued or running, so a redelivery stops here.
  const job = await markStarted(runner, delivery.messageId)
  if (!job) return { outcome: 'skipped', announce: () => {} }
  emitJobProgress(progressEvent(delivery, job.label, { status: 'running', percent: 0, message: null }))
  try {
    const outcome = await runner.transaction(async (trx) => {
      if (await alreadyHandled(trx, delivery.messageId, consumer)) return 'skipped' as const
      if (!registered) throw new Error(`No handler is registered for job "${delivery.name}" in this worker`)
      if (job.attempts > job.max_attempts) {
        throw new Error(`The worker stopped during each of the ${job.max_attempts} attempts of this job`)
      }
      const context: JobContext = {
        jobId: delivery.messageId,
        organizationId: delivery.organizationId,
        userId: delivery.userId,
        attempt: job.attempts,
        client: trx,
        progress: (percent, message) => reportProgress(trx, delivery, job.label, percent, message),
      }
      await inTenant(delivery.organizationId, () => registered.handler(delivery.payload, context))
      await markHandled(trx, delivery.messageId, consumer)
      await trx
        .from('platform.jobs')
        .where('id', delivery.messageId)
        .update({ status: 'completed', percent: 100, message: null, last_error: null, finished_at: new Date(), updated_at: new Date() })
      events.push(progressEvent(delivery, job.label, { status: 'completed', percent: 100, message: null }))
      return 'completed' as const
    })
    return { outcome, announce: () => events.forEach(emitJobProgress) }
  } catch (error) {
    const maxAttempts = Math.min(job.max_attempts, registered?.maxAttempts ?? job.max_attempts)
    const dead = !registered || job.attempts >= maxAttempts
    const message = errorText(error)
    const fields = { jobId: delivery.messageId, job: delivery.name, attempt: job.attempts, error: message }
    if (dead) logger.warn(fields, 'job failed for good')
    else logger.info(fields, 'job failed, will retry')
    await runner.transaction(async (trx) => {
      await trx.from('platform.outbox').where('id', delivery.outboxId).update({ last_error: message, ...(dead ? { failed_at: new Date() } : {}) })
      if (dead) {
        await trx
          .from('platform.jobs')
          .where('id', delivery.messageId)
          .update({ status: 'failed', last_error: message, finished_at: new Date(), updated_at: new Date() })
        return
      }
      await trx.from('platform.jobs').where('id', delivery.messageId).update({ status: 'queued', last_error: message, updated_at: new Date() })
      await insertOutboxRow(trx, {
        messageId: delivery.messageId,
        kind: 'job',
        name: delivery.name,
        payload: delivery.payload,
        organizationId: delivery.organizationId,
        userId: delivery.userId,
        attempt: job.attempts + 1,
        occurredAt: new Date(delivery.occurredAt),
        availableAt: new Date(Date.now() + backoffDelay(registered!.backoffMs, job.attempts)),
      })
    })
    const status = dead ? 'failed' : 'queued'
    return {
      outcome: dead ? 'dead' : 'retry',
      announce: () => emitJobProgress(progressEvent(delivery, job.label, { status, percent: 0, message: null, error: message })),
    }
  }
}

/**
 * Records progress in the job's own transaction (another connection could wait on it, and the
 * embedded PGlite serves one transaction at a time) and tells the browsers at once.
 */
async function reportProgress(
  trx: TransactionClientContract,
  delivery: Delivery,
  label: LocalizedText | null,
  percent: number,
  message?: LocalizedText
) {
  const value = Math.max(0, Math.min(100, Math.round(Number(percent) || 0)))
  await trx
    .from('platform.jobs')
    .where('id', delivery.messageId)
    .update({ percent: value, message: message ? JSON.stringify(message) : null, updated_at: new Date() })
  emitJobProgress(progressEvent(delivery, label, { status: 'running', percent: value, message: message ?? null }))
}

/**
 * Hands an event to one consumer once in effect; on failure, queues a retry for that consumer alone
 * (a new outbox row addressed to it), with exponential backoff, until its attempts run out.
 */
export async function deliverEvent(delivery: Delivery, consumer: RegisteredConsumer, parent?: TransactionClientContract): Promise<Outcome> {
  const runner: Runner = parent ?? db
  try {
    return await runner.transaction(async (trx) => {
      if (await alreadyHandled(trx, delivery.messageId, consumer.consumer)) return 'skipped' as const
      const meta = { eventId: delivery.messageId, organizationId: delivery.organizationId!, occurredAt: delivery.occurredAt, client: trx }
      await inTenant(delivery.organizationId, () => consumer.handler(delivery.payload, meta))
      await markHandled(trx, delivery.messageId, consumer.consumer)
      return 'completed' as const
    })
  } catch (error) {
    const message = errorText(error)
    const dead = delivery.attempt >= consumer.maxAttempts
    const fields = { eventId: delivery.messageId, event: delivery.name, consumer: consumer.consumer, attempt: delivery.attempt, error: message }
    if (dead) logger.warn(fields, 'event consumer failed for good')
    else logger.info(fields, 'event consumer failed, will retry')
    await runner.transaction(async (trx) => {
      if (dead) {
        await trx.from('platform.outbox').where('id', delivery.outboxId).update({ last_error: `${consumer.consumer}: ${message}`, failed_at: new Date() })
        return
      }
      await insertOutboxRow(trx, {
        messageId: delivery.messageId,
        kind: 'event',
        name: delivery.name,
        payload: delivery.payload,
        organizationId: delivery.organizationId,
        userId: null,
        consumer: consumer.consumer,
        attempt: delivery.attempt + 1,
        occurredAt: new Date(delivery.occurredAt),
        availableAt: new Date(Date.now() + backoffDelay(consumer.backoffMs, delivery.attempt)),
      })
    })
    return dead ? 'dead' : 'retry'
  }
}

/** An outbox row as PostgreSQL returns it. */
export type OutboxRow = {
  id: string
  message_id: string
  kind: 'job' | 'event'
  name: string
  payload: unknown
  organization_id: string | null
  user_id: string | null
  consumer: string | null
  attempt: number
  occurred_at: Date
}

/** The delivery an outbox row describes. */
export function deliveryOf(row: OutboxRow): Delivery {
  return {
    outboxId: row.id,
    messageId: row.message_id,
    kind: row.kind,
    name: row.name,
    payload: row.payload,
    organizationId: row.organization_id,
    userId: row.user_id,
    attempt: row.attempt,
    occurredAt: new Date(row.occurred_at).toISOString(),
  }
}
