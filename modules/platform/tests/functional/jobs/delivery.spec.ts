import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { jobs } from '../../../contracts/jobs.ts'
import { deliverJob, deliveryOf, jobConsumer, type OutboxRow } from '../../../app/jobs/delivery.ts'
import { OutboxPruner } from '../../../app/jobs/outbox_pruner.ts'
import { cleanTestJobs, ensureTestTables } from '../../fixtures/test_jobs.ts'

const COMPLETED_MEANWHILE = 'platformtest.completed_meanwhile'
const QUIET = 'platformtest.quiet'

/** Takes its time and reports no progress, so that nothing but the message's lock holds a duplicate back. */
jobs.register(QUIET, async (_payload, context) => {
  await db.rawQuery('INSERT INTO jobs_test.runs (job_id, attempt, pid) VALUES (?, ?, ?)', [
    context.jobId,
    context.attempt,
    process.pid,
  ])
  await new Promise((resolve) => setTimeout(resolve, 400))
  await context.client.rawQuery('INSERT INTO jobs_test.effects (job_id, seq) VALUES (?, 1)', [
    context.jobId,
  ])
})

/**
 * Fails its run, but not before a duplicate delivery of the same message (simulated here on another
 * connection) has handled the job and committed: what happens when the failure and the duplicate race.
 */
jobs.register(COMPLETED_MEANWHILE, async (_payload, context) => {
  await db
    .insertQuery()
    .table('platform.processed_messages')
    .insert({
      message_id: context.jobId,
      consumer: jobConsumer(COMPLETED_MEANWHILE),
      processed_at: new Date(),
    })
  await db
    .from('platform.jobs')
    .where('id', context.jobId)
    .update({ status: 'completed', percent: 100, finished_at: new Date(), updated_at: new Date() })
  throw new Error('this run failed after its duplicate completed the job')
})

async function count(sql: string, bindings: unknown[] = []) {
  return Number((await db.rawQuery(sql, bindings)).rows[0].count)
}

async function outboxRow(messageId: string): Promise<OutboxRow> {
  return (
    await db.rawQuery(
      'SELECT * FROM platform.outbox WHERE message_id = ? ORDER BY created_at LIMIT 1',
      [messageId]
    )
  ).rows[0]
}

async function jobRow(id: string) {
  return db.from('platform.jobs').where('id', id).first()
}

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000)

// These tests commit (deliveries use their own transactions), so they clean up instead of rolling back.
test.group('Jobs | duplicate deliveries and pruning', (group) => {
  group.setup(async () => {
    await ensureTestTables()
    return () => cleanTestJobs()
  })
  group.each.setup(() => cleanTestJobs())

  test('a duplicate delivered while the job runs waits for it, counts no attempt and skips', async ({
    assert,
  }) => {
    const id = await jobs.dispatch(QUIET, {})
    const delivery = deliveryOf(await outboxRow(id))
    const first = deliverJob(delivery)
    const deadline = Date.now() + 5_000
    while (
      (await count('SELECT count(*) FROM jobs_test.runs WHERE job_id = ?', [id])) === 0 &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const duplicate = deliverJob(delivery)
    const [a, b] = await Promise.all([first, duplicate])

    assert.equal(a.outcome, 'completed')
    assert.equal(b.outcome, 'skipped')
    const job = await jobRow(id)
    assert.equal(job.status, 'completed')
    assert.equal(job.attempts, 1, 'the duplicate counted no attempt')
    assert.equal(await count('SELECT count(*) FROM jobs_test.effects WHERE job_id = ?', [id]), 1)
  })

  test('a failure that a duplicate completion overtook queues no retry and leaves the job completed', async ({
    assert,
  }) => {
    const id = await jobs.dispatch(COMPLETED_MEANWHILE, {})
    const result = await deliverJob(deliveryOf(await outboxRow(id)))

    assert.equal(result.outcome, 'skipped')
    const job = await jobRow(id)
    assert.equal(job.status, 'completed')
    assert.isNull(job.last_error)
    assert.equal(
      await count('SELECT count(*) FROM platform.outbox WHERE message_id = ?', [id]),
      1,
      'no retry row'
    )
  })

  test('a delivery of a handled job still marked queued completes it without running it or counting an attempt', async ({
    assert,
  }) => {
    const id = await jobs.dispatch('platformtest.effect', { seq: 1 })
    await db
      .insertQuery()
      .table('platform.processed_messages')
      .insert({
        message_id: id,
        consumer: jobConsumer('platformtest.effect'),
        processed_at: new Date(),
      })
    const result = await deliverJob(deliveryOf(await outboxRow(id)))

    assert.equal(result.outcome, 'skipped')
    const job = await jobRow(id)
    assert.equal(job.status, 'completed')
    assert.equal(job.percent, 100)
    assert.equal(job.attempts, 0)
    assert.equal(await count('SELECT count(*) FROM jobs_test.runs WHERE job_id = ?', [id]), 0)
  })

  test('pruning deletes old published outbox rows and old handled-message records, and keeps the rest', async ({
    assert,
  }) => {
    const insert = (fields: {
      createdAt: Date
      publishedAt: Date | null
      failedAt?: Date | null
      messageId?: string
    }) =>
      db
        .insertQuery()
        .table('platform.outbox')
        .insert({
          message_id: fields.messageId ?? randomUUID(),
          kind: 'job',
          name: 'platformtest.pruned',
          payload: '{}',
          created_at: fields.createdAt,
          occurred_at: fields.createdAt,
          available_at: fields.createdAt,
          published_at: fields.publishedAt,
          failed_at: fields.failedAt ?? null,
        })
        .returning('id')
    const [[oldPublished], [oldFailed], [recentPublished], [oldPending]] = await Promise.all([
      insert({ createdAt: daysAgo(10), publishedAt: daysAgo(10) }),
      insert({ createdAt: daysAgo(10), publishedAt: daysAgo(10), failedAt: daysAgo(10) }),
      insert({ createdAt: daysAgo(1), publishedAt: daysAgo(1) }),
      insert({ createdAt: daysAgo(10), publishedAt: null }),
    ])
    const pendingMessage = randomUUID()
    await insert({ createdAt: daysAgo(1), publishedAt: null, messageId: pendingMessage })
    const [oldHandled, recentHandled] = [randomUUID(), randomUUID()]
    await db
      .insertQuery()
      .table('platform.processed_messages')
      .multiInsert([
        { message_id: oldHandled, consumer: 'platformtest.pruned', processed_at: daysAgo(10) },
        { message_id: recentHandled, consumer: 'platformtest.pruned', processed_at: daysAgo(1) },
        { message_id: pendingMessage, consumer: 'platformtest.pruned', processed_at: daysAgo(10) },
      ])

    await db
      .insertQuery()
      .table('platform.idempotency_keys')
      .multiInsert([
        { scope: 'platformtest', key: 'old', fingerprint: 'f', created_at: daysAgo(10) },
        { scope: 'platformtest', key: 'recent', fingerprint: 'f', created_at: daysAgo(1) },
      ])

    const pruned = await new OutboxPruner(7).pruneOnce()

    assert.isAtLeast(pruned.outbox, 1)
    assert.isAtLeast(pruned.processed, 1)
    const left = (
      await db.from('platform.outbox').where('name', 'platformtest.pruned').select('id')
    ).map((row) => row.id)
    assert.notInclude(left, oldPublished.id)
    assert.includeMembers(left, [oldFailed.id, recentPublished.id, oldPending.id])
    const handled = (
      await db
        .from('platform.processed_messages')
        .where('consumer', 'platformtest.pruned')
        .select('message_id')
    ).map((row) => row.message_id)
    assert.sameMembers(
      handled,
      [recentHandled, pendingMessage],
      'a record whose message still has a delivery pending stays'
    )
    assert.isAtLeast(pruned.idempotencyKeys, 1)
    const keys = (
      await db.from('platform.idempotency_keys').where('scope', 'platformtest').select('key')
    ).map((row) => row.key)
    assert.deepEqual(keys, ['recent'])
  })
})
