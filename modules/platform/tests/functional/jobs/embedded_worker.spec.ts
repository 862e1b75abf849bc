import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import { events, jobs } from '../../../contracts/jobs.ts'
import { EmbeddedWorker } from '../../../app/jobs/embedded_worker.ts'
import { deliverJob, deliveryOf, type OutboxRow } from '../../../app/jobs/delivery.ts'
import { cleanTestJobs, ensureTestTables } from '../../fixtures/test_jobs.ts'
import type { JobProgressEvent } from '../../../app/jobs/types.ts'

/** Runs workers until `done()` holds or `ms` pass. */
async function runWorkers(workers: EmbeddedWorker[], done: () => Promise<boolean>, ms = 15_000) {
  await Promise.all(workers.map((worker) => worker.start()))
  const deadline = Date.now() + ms
  try {
    while (!(await done()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25))
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()))
  }
}

async function count(sql: string, bindings: unknown[] = []) {
  const result = await db.rawQuery(sql, bindings)
  return Number(result.rows[0].count)
}

async function jobRow(id: string) {
  return db.from('platform.jobs').where('id', id).first()
}

// These tests commit (the workers use their own connections), so they clean up instead of rolling back.
test.group('Jobs | embedded PostgreSQL worker', (group) => {
  group.setup(async () => {
    await ensureTestTables()
    return () => cleanTestJobs()
  })
  group.each.setup(() => cleanTestJobs())

  test('two workers running side by side never run a job twice (SKIP LOCKED)', async ({
    assert,
  }) => {
    const ids = await db.transaction(async (client) => {
      const created: string[] = []
      for (let seq = 0; seq < 60; seq++)
        created.push(await jobs.dispatch('platformtest.effect', { seq, sleepMs: 5 }, { client }))
      return created
    })
    const workers = [
      new EmbeddedWorker({ concurrency: 3, pollMs: 50, leaseMs: 60_000 }),
      new EmbeddedWorker({ concurrency: 3, pollMs: 50, leaseMs: 60_000 }),
    ]
    await runWorkers(
      workers,
      async () => (await count('SELECT count(*) FROM jobs_test.effects')) >= ids.length
    )

    assert.equal(
      await count('SELECT count(*) FROM jobs_test.runs'),
      60,
      'each job ran exactly once'
    )
    assert.equal(await count('SELECT count(DISTINCT job_id) FROM jobs_test.effects'), 60)
    assert.equal(await count('SELECT count(*) FROM jobs_test.effects'), 60)
    assert.equal(
      await count(
        `SELECT count(*) FROM platform.jobs WHERE name = 'platformtest.effect' AND status = 'completed' AND percent = 100`
      ),
      60
    )
    assert.equal(
      await count(
        `SELECT count(*) FROM platform.outbox WHERE name = 'platformtest.effect' AND published_at IS NULL`
      ),
      0
    )
  })

  test('a redelivered message has no second effect', async ({ assert }) => {
    const id = await jobs.dispatch('platformtest.effect', { seq: 1 })
    const row: OutboxRow = (
      await db.rawQuery('SELECT * FROM platform.outbox WHERE message_id = ?', [id])
    ).rows[0]
    const first = await deliverJob(deliveryOf(row))
    const again = await deliverJob(deliveryOf(row))
    const concurrent = await Promise.all([deliverJob(deliveryOf(row)), deliverJob(deliveryOf(row))])

    assert.equal(first.outcome, 'completed')
    assert.equal(again.outcome, 'skipped')
    assert.deepEqual(
      concurrent.map((result) => result.outcome),
      ['skipped', 'skipped']
    )
    assert.equal(await count('SELECT count(*) FROM jobs_test.effects WHERE job_id = ?', [id]), 1)
    assert.equal(await count('SELECT count(*) FROM jobs_test.runs WHERE job_id = ?', [id]), 1)
  })

  test('a failing job is retried with exponential backoff, then completes', async ({ assert }) => {
    const id = await jobs.dispatch('platformtest.flaky', { succeedOn: 3 })
    await runWorkers(
      [new EmbeddedWorker({ concurrency: 1, pollMs: 20, leaseMs: 60_000 })],
      async () => (await jobRow(id))?.status === 'completed'
    )

    const runs = (
      await db.rawQuery('SELECT attempt, at FROM jobs_test.runs WHERE job_id = ? ORDER BY at', [id])
    ).rows
    assert.deepEqual(
      runs.map((run: { attempt: number }) => run.attempt),
      [1, 2, 3]
    )
    const gaps = runs
      .slice(1)
      .map(
        (run: { at: Date }, index: number) =>
          new Date(run.at).getTime() - new Date(runs[index].at).getTime()
      )
    assert.isAtLeast(gaps[0], 200, 'first retry after the base delay')
    assert.isAtLeast(gaps[1], 400, 'second retry after twice the base delay')
    assert.isAbove(gaps[1], gaps[0])
    const retries = (
      await db.rawQuery(
        'SELECT attempt, available_at - created_at AS delay FROM platform.outbox WHERE message_id = ? ORDER BY attempt',
        [id]
      )
    ).rows
    assert.deepEqual(
      retries.map((row: { attempt: number }) => row.attempt),
      [1, 2, 3]
    )
    assert.equal(await count('SELECT count(*) FROM jobs_test.effects WHERE job_id = ?', [id]), 1)
    const job = await jobRow(id)
    assert.equal(job.attempts, 3)
    assert.isNull(job.last_error)
  })

  test('a poison job fails for good after its attempts, with its error, while the others complete', async ({
    assert,
  }) => {
    const poison = await jobs.dispatch('platformtest.poison', {})
    const others = await Promise.all(
      [1, 2, 3].map((seq) => jobs.dispatch('platformtest.effect', { seq }))
    )
    const progress: JobProgressEvent[] = []
    const listener = (event: JobProgressEvent) => {
      if (event.jobId === poison || event.jobId === others[0]) progress.push(event)
    }
    emitter.on('platform:job.progress', listener)
    try {
      await runWorkers(
        [new EmbeddedWorker({ concurrency: 2, pollMs: 20, leaseMs: 60_000 })],
        async () => {
          const done = await count(
            `SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status IN ('completed', 'failed')`,
            [[poison, ...others]]
          )
          return done === 4
        }
      )
    } finally {
      emitter.off('platform:job.progress', listener)
    }

    const job = await jobRow(poison)
    assert.equal(job.status, 'failed')
    assert.equal(job.attempts, 2)
    assert.include(job.last_error, 'this job always fails')
    assert.equal(
      await count(`SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status = 'completed'`, [
        others,
      ]),
      3
    )
    const poisonStatuses = progress
      .filter((event) => event.jobId === poison)
      .map((event) => event.status)
    assert.deepEqual(poisonStatuses, ['running', 'queued', 'running', 'failed'])
    const last = progress.filter((event) => event.jobId === poison).at(-1)!
    assert.include(String(last.error), 'this job always fails')
    const goodStatuses = progress
      .filter((event) => event.jobId === others[0])
      .map((event) => [event.status, event.percent])
    assert.deepEqual(goodStatuses, [
      ['running', 0],
      ['running', 50],
      ['completed', 100],
    ])
  })

  test('an event reaches its consumer once, inside the tenant of the event', async ({ assert }) => {
    const organization = (
      await db.rawQuery(
        `INSERT INTO platform.organizations (name, created_at, updated_at) VALUES ('Jobs test', now(), now()) RETURNING id`
      )
    ).rows[0]
    try {
      const eventId = await events.publish(
        'platformtest.thing.happened',
        { seq: 7 },
        { organizationId: organization.id }
      )
      await runWorkers(
        [new EmbeddedWorker({ concurrency: 2, pollMs: 20, leaseMs: 60_000 })],
        async () => (await count('SELECT count(*) FROM jobs_test.effects')) >= 1
      )
      assert.equal(
        await count('SELECT count(*) FROM jobs_test.effects WHERE job_id = ?', [eventId]),
        1
      )
      assert.equal(
        await count(
          `SELECT count(*) FROM platform.processed_messages WHERE message_id = ? AND consumer = 'platformtest.counter'`,
          [eventId]
        ),
        1
      )
    } finally {
      await db.rawQuery('DELETE FROM platform.outbox WHERE organization_id = ?', [organization.id])
      await db.rawQuery('DELETE FROM platform.organizations WHERE id = ?', [organization.id])
    }
  })
})
