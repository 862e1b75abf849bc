import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { tenantContext } from '@ia/kernel/contracts'
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

/** Serialises the deliveries of one message to one consumer (and the dead-letter record) until `trx` ends. */
async function lockMessage(trx: TransactionClientContract, messageId: string, consumer: string) {
  await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [`${messageId}/${consumer}`])
}

async function isHandled(trx: TransactionClientContract, messageId: string, consumer: string) {
  const row = await trx
    .from('platform.processed_messages')
    .where({ message_id: messageId, consumer })
    .first()
  return Boolean(row)
}

/** Takes the message's lock, then tells whether it was handled already. */
async function alreadyHandled(trx: TransactionClientContract, messageId: string, consumer: string) {
  await lockMessage(trx, messageId, consumer)
  return isHandled(trx, messageId, consumer)
}

async function markHandled(trx: TransactionClientContract, messageId: string, consumer: string) {
  await trx
    .insertQuery()
    .table('platform.processed_messages')
    .insert({ message_id: messageId, consumer, processed_at: new Date() })
}

function progressEvent(
  delivery: Delivery,
  label: LocalizedText | null,
  fields: Pick<JobProgressEvent, 'status' | 'percent' | 'message' | 'error'>
): JobProgressEvent {
  return {
    jobId: delivery.messageId,
    organizationId: delivery.organizationId,
    userId: delivery.userId,
    name: delivery.name,
    label,
    ...fields,
  }
}

/**
 * Counts an attempt only for a delivery that takes the message's lock and finds the job still to do
 * (a duplicate waiting behind a running delivery counts nothing), and marks it running. It commits at
 * once, before the handler's transaction opens, so the admin page sees it and a worker that dies
 * mid-job still counts the attempt. Null when the job must not run; a job found handled is left
 * completed (a racing failure could have put it back in the queue).
 */
async function claimJob(
  runner: Runner,
  jobId: string,
  consumer: string
): Promise<StartedJob | null> {
  return runner.transaction(async (trx) => {
    await lockMessage(trx, jobId, consumer)
    const result = await trx.rawQuery(
      `UPDATE platform.jobs SET status = 'running', attempts = attempts + 1, started_at = now(), updated_at = now()
       WHERE id = ? AND status IN ('queued', 'running')
         AND NOT EXISTS (SELECT 1 FROM platform.processed_messages WHERE message_id = ? AND consumer = ?)
       RETURNING attempts, max_attempts, label`,
      [jobId, jobId, consumer]
    )
    if (result.rows[0]) return result.rows[0] as StartedJob
    await completeIfHandled(trx, jobId, consumer)
    return null
  })
}

/** A handled job that still reads queued or running is completed: its handler's transaction committed. */
async function completeIfHandled(trx: TransactionClientContract, jobId: string, consumer: string) {
  await trx.rawQuery(
    `UPDATE platform.jobs SET status = 'completed', percent = 100, message = NULL, last_error = NULL,
       finished_at = coalesce(finished_at, now()), updated_at = now()
     WHERE id = ? AND status IN ('queued', 'running')
       AND EXISTS (SELECT 1 FROM platform.processed_messages WHERE message_id = ? AND consumer = ?)`,
    [jobId, jobId, consumer]
  )
}

/**
 * Runs a job once in effect: its handler's writes and the record that it was handled commit in one
 * transaction, so a redelivered message finds the record and does nothing.
 */
export async function deliverJob(
  delivery: Delivery,
  parent?: TransactionClientContract
): Promise<DeliveryResult> {
  const runner: Runner = parent ?? db
  const consumer = jobConsumer(delivery.name)
  const registered = handlerRegistry.job(delivery.name)
  const events: JobProgressEvent[] = []
  // A handled job is no longer queued or running, so a redelivery stops here.
  const job = await claimJob(runner, delivery.messageId, consumer)
  if (!job) return { outcome: 'skipped', announce: () => {} }
  emitJobProgress(
    progressEvent(delivery, job.label, { status: 'running', percent: 0, message: null })
  )
  try {
    const outcome = await runner.transaction(async (trx) => {
      if (await alreadyHandled(trx, delivery.messageId, consumer)) {
        // A duplicate claimed the job in the instant between another delivery's claim and its lock, then lost the race: give the attempt back.
        await trx
          .from('platform.jobs')
          .where('id', delivery.messageId)
          .where('attempts', '>', 0)
          .decrement('attempts', 1)
        return 'skipped' as const
      }
      if (!registered)
        throw new Error(`No handler is registered for job "${delivery.name}" in this worker`)
      if (job.attempts > job.max_attempts) {
        throw new Error(
          `The worker stopped during each of the ${job.max_attempts} attempts of this job`
        )
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
      await trx.from('platform.jobs').where('id', delivery.messageId).update({
        status: 'completed',
        percent: 100,
        message: null,
        last_error: null,
        finished_at: new Date(),
        updated_at: new Date(),
      })
      events.push(
        progressEvent(delivery, job.label, { status: 'completed', percent: 100, message: null })
      )
      return 'completed' as const
    })
    return { outcome, announce: () => events.forEach(emitJobProgress) }
  } catch (error) {
    const maxAttempts = Math.min(job.max_attempts, registered?.maxAttempts ?? job.max_attempts)
    const dead = !registered || job.attempts >= maxAttempts
    const message = errorText(error)
    const settled = await runner.transaction(async (trx) => {
      // A duplicate delivery may have handled the job since this one's transaction rolled back: then there is nothing to retry.
      // (The lock also orders this after a duplicate still running, so its completion is seen.)
      if (await alreadyHandled(trx, delivery.messageId, consumer)) {
        await completeIfHandled(trx, delivery.messageId, consumer)
        return false
      }
      await trx
        .from('platform.outbox')
        .where('id', delivery.outboxId)
        .update({ last_error: message, ...(dead ? { failed_at: new Date() } : {}) })
      // Only the delivery that still owns the run moves the job on, so a duplicate that failed too queues no second retry.
      const moved = await trx
        .from('platform.jobs')
        .where({ id: delivery.messageId, status: 'running' })
        .update(
          dead
            ? {
                status: 'failed',
                last_error: message,
                finished_at: new Date(),
                updated_at: new Date(),
              }
            : { status: 'queued', last_error: message, updated_at: new Date() }
        )
      if (dead || !affected(moved)) return affected(moved)
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
      return true
    })
    const fields = {
      jobId: delivery.messageId,
      job: delivery.name,
      attempt: job.attempts,
      error: message,
    }
    if (!settled) {
      logger.info(
        fields,
        'job failed, but a duplicate delivery completed it or queued its retry meanwhile'
      )
      return { outcome: 'skipped', announce: () => {} }
    }
    if (dead) logger.warn(fields, 'job failed for good')
    else logger.info(fields, 'job failed, will retry')
    const status = dead ? 'failed' : 'queued'
    return {
      outcome: dead ? 'dead' : 'retry',
      announce: () =>
        emitJobProgress(
          progressEvent(delivery, job.label, { status, percent: 0, message: null, error: message })
        ),
    }
  }
}

/** Whether an update touched a row (knex answers a count on PostgreSQL). */
function affected(result: unknown) {
  return Number(Array.isArray(result) ? result.length : result) > 0
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
    .update({
      percent: value,
      message: message ? JSON.stringify(message) : null,
      updated_at: new Date(),
    })
  emitJobProgress(
    progressEvent(delivery, label, { status: 'running', percent: value, message: message ?? null })
  )
}

/**
 * Hands an event to one consumer once in effect; on failure, queues a retry for that consumer alone
 * (a new outbox row addressed to it), with exponential backoff, until its attempts run out.
 */
export async function deliverEvent(
  delivery: Delivery,
  consumer: RegisteredConsumer,
  parent?: TransactionClientContract
): Promise<Outcome> {
  const runner: Runner = parent ?? db
  try {
    return await runner.transaction(async (trx) => {
      if (await alreadyHandled(trx, delivery.messageId, consumer.consumer))
        return 'skipped' as const
      const meta = {
        eventId: delivery.messageId,
        organizationId: delivery.organizationId!,
        occurredAt: delivery.occurredAt,
        client: trx,
      }
      await inTenant(delivery.organizationId, () => consumer.handler(delivery.payload, meta))
      await markHandled(trx, delivery.messageId, consumer.consumer)
      return 'completed' as const
    })
  } catch (error) {
    const message = errorText(error)
    const dead = delivery.attempt >= consumer.maxAttempts
    const outcome = await runner.transaction(async (trx): Promise<Outcome> => {
      // A duplicate delivery may have handled the event since this one rolled back, or failed too and queued the retry.
      if (await alreadyHandled(trx, delivery.messageId, consumer.consumer)) return 'skipped'
      if (dead) {
        await trx
          .from('platform.outbox')
          .where('id', delivery.outboxId)
          .update({ last_error: `${consumer.consumer}: ${message}`, failed_at: new Date() })
        return 'dead'
      }
      const queued = await trx
        .from('platform.outbox')
        .where({
          message_id: delivery.messageId,
          consumer: consumer.consumer,
          attempt: delivery.attempt + 1,
        })
        .first()
      if (queued) return 'retry'
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
      return 'retry'
    })
    const fields = {
      eventId: delivery.messageId,
      event: delivery.name,
      consumer: consumer.consumer,
      attempt: delivery.attempt,
      error: message,
    }
    if (outcome === 'dead') logger.warn(fields, 'event consumer failed for good')
    else if (outcome === 'retry') logger.info(fields, 'event consumer failed, will retry')
    return outcome
  }
}

/** A message the broker dead-lettered, as the dead-letter queue hands it back. */
export type DeadLetter = {
  outboxId: string | null
  messageId: string
  kind: 'job' | 'event'
  name: string
  /** For an event: the consumer whose queue gave it up. */
  consumer: string | null
  /** Why, in words an admin reads on the failed-jobs page. */
  reason: string
}

/**
 * Records a message the broker gave up on (its delivery limit reached: workers kept dying on it), so
 * the job reads failed, with the reason, on the admin page that retries it; an event's outbox row is
 * marked failed for its consumer. Nothing changes when the message was handled meanwhile, already
 * failed, or superseded by a later retry row. Idempotent: the dead-letter queue delivers at least once.
 */
export async function recordDeadLetter(dead: DeadLetter): Promise<boolean> {
  const consumer = dead.kind === 'job' ? jobConsumer(dead.name) : dead.consumer
  if (!consumer) return false
  const failed = await db.transaction(async (trx) => {
    if (await alreadyHandled(trx, dead.messageId, consumer)) return null
    const text = errorText(dead.reason)
    if (dead.outboxId) {
      await trx
        .from('platform.outbox')
        .where('id', dead.outboxId)
        .whereNull('failed_at')
        .update({
          last_error: dead.kind === 'job' ? text : `${consumer}: ${text}`,
          failed_at: new Date(),
        })
    }
    if (dead.kind !== 'job') return null
    // A dead copy of an older attempt does not fail a job whose later retry row is on its way.
    const superseded = dead.outboxId
      ? `AND NOT EXISTS (
           SELECT 1 FROM platform.outbox later
           WHERE later.message_id = jobs.id AND later.created_at > (SELECT created_at FROM platform.outbox WHERE id = ?)
         )`
      : ''
    const result = await trx.rawQuery(
      `UPDATE platform.jobs SET status = 'failed', last_error = ?, finished_at = now(), updated_at = now()
       WHERE id = ? AND status IN ('queued', 'running') ${superseded}
       RETURNING organization_id, user_id, label`,
      dead.outboxId ? [text, dead.messageId, dead.outboxId] : [text, dead.messageId]
    )
    return (result.rows[0] ?? null) as {
      organization_id: string | null
      user_id: string | null
      label: LocalizedText | null
    } | null
  })
  if (!failed) return false
  logger.warn(
    { jobId: dead.messageId, job: dead.name, error: dead.reason },
    'job dead-lettered by the broker, marked failed'
  )
  emitJobProgress({
    jobId: dead.messageId,
    organizationId: failed.organization_id,
    userId: failed.user_id,
    name: dead.name,
    label: failed.label,
    status: 'failed',
    percent: 0,
    message: null,
    error: dead.reason,
  })
  return true
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
