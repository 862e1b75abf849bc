import { spawn, execFile, type ChildProcess } from 'node:child_process'
import {
  createServer,
  connect as connectTcp,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import { connect, type Channel } from 'amqplib'
import db from '@adonisjs/lucid/services/db'
import { events, jobs } from '../../../contracts/jobs.ts'
import { jobAdmin } from '../../../app/jobs/job_admin.ts'
import { RabbitRelay } from '../../../app/jobs/rabbitmq_relay.ts'
import { RabbitTopology } from '../../../app/jobs/rabbitmq_topology.ts'
import { RabbitWorker } from '../../../app/jobs/rabbitmq_worker.ts'
import { handlerRegistry } from '../../../app/jobs/registry.ts'
import { cleanTestJobs, ensureTestTables } from '../../fixtures/test_jobs.ts'

const RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
const BACKEND = fileURLToPath(new URL('../../../../../backend/', import.meta.url))
const NODE = process.execPath
const run = promisify(execFile)

/** A prefix of its own per run, so the test queues never meet another environment's. */
const prefix = `iatest-${process.pid}`
const DELIVERY_LIMIT = 3
const topology = new RabbitTopology(prefix, DELIVERY_LIMIT)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function count(sql: string, bindings: unknown[] = []) {
  return Number((await db.rawQuery(sql, bindings)).rows[0].count)
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return true
    await sleep(50)
  }
  return false
}

/** Runs `work` on a channel of its own connection. */
async function withChannel<T>(work: (channel: Channel) => Promise<T>) {
  const connection = await connect(RABBITMQ_URL)
  try {
    return await work(await connection.createChannel())
  } finally {
    await connection.close()
  }
}

/** Messages ready in one of the test queues. */
function readyIn(queue: string) {
  return withChannel(async (channel) => (await channel.checkQueue(queue)).messageCount)
}

/** Empties the test queues, so that no test sees what an earlier one left. */
function purgeQueues() {
  return withChannel(async (channel) => {
    await topology.assert(channel)
    const consumers = new Set(handlerRegistry.consumers().map((entry) => entry.consumer))
    for (const queue of [
      topology.jobsQueue,
      topology.deadLetterQueue,
      ...[...consumers].map((consumer) => topology.consumerQueue(consumer)),
    ]) {
      await channel.purgeQueue(queue)
    }
  })
}

async function jobRow(id: string) {
  return db.from('platform.jobs').where('id', id).first()
}

/**
 * A TCP proxy in front of the broker that fails like a network: `cutAfter(n)` destroys both sockets
 * of every connection once n more bytes went from the clients to the broker, wherever that falls (in
 * a frame, between a publish and its confirm); it then refuses connections until `restore()`.
 */
class CuttableProxy {
  readonly #target = new URL(RABBITMQ_URL)
  readonly #sockets = new Set<Socket>()
  #server: Server | null = null
  #cutAt = Number.POSITIVE_INFINITY
  #down = false
  /** Bytes the clients sent towards the broker. */
  bytesUp = 0
  /** Connections carried to the broker. */
  connections = 0
  readonly cut = Promise.withResolvers<void>()

  async start() {
    const server = createServer((client) => this.#accept(client))
    this.#server = server
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  }

  get url() {
    const url = new URL(RABBITMQ_URL)
    url.hostname = '127.0.0.1'
    url.port = String((this.#server!.address() as AddressInfo).port)
    return url.href
  }

  cutAfter(bytes: number) {
    this.#cutAt = this.bytesUp + bytes
  }

  restore() {
    this.#down = false
  }

  async stop() {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise((resolve) => this.#server?.close(resolve))
  }

  #accept(client: Socket) {
    if (this.#down) return client.destroy()
    this.connections++
    const broker = connectTcp(Number(this.#target.port || 5672), this.#target.hostname)
    for (const socket of [client, broker]) {
      this.#sockets.add(socket)
      socket.on('error', () => undefined)
      socket.on('close', () => {
        this.#sockets.delete(socket)
        client.destroy()
        broker.destroy()
      })
    }
    client.on('data', (chunk: Buffer) => {
      this.bytesUp += chunk.length
      if (this.bytesUp >= this.#cutAt) return this.#cut()
      broker.write(chunk)
    })
    broker.on('data', (chunk: Buffer) => client.write(chunk))
  }

  #cut() {
    this.#down = true
    this.#cutAt = Number.POSITIVE_INFINITY
    for (const socket of this.#sockets) socket.destroy()
    this.cut.resolve()
  }
}

/** An organisation for the jobs an admin retries (its jobs go with it). */
async function createOrganization() {
  const result = await db.rawQuery(
    `INSERT INTO platform.organizations (name, created_at, updated_at) VALUES ('Jobs broker test', now(), now()) RETURNING id`
  )
  return result.rows[0].id as string
}

async function deleteOrganization(id: string) {
  await db.rawQuery('DELETE FROM platform.outbox WHERE organization_id = ?', [id])
  await db.rawQuery('DELETE FROM platform.organizations WHERE id = ?', [id])
}

/** Starts `jobs:work` or `jobs:relay` as its own process, with the test handlers registered. */
function startProcess(command: 'jobs:work' | 'jobs:relay'): ChildProcess {
  const child = spawn(
    NODE,
    ['--import', '@poppinss/ts-exec', 'tests/support/jobs_process.ts', command],
    {
      cwd: BACKEND,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        RABBITMQ_URL,
        RABBITMQ_PREFIX: prefix,
        RABBITMQ_DELIVERY_LIMIT: String(DELIVERY_LIMIT),
        JOBS_CONCURRENCY: '4',
        JOBS_POLL_MS: '100',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    }
  )
  return child
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

function newRelay(options: { url?: string; batchSize?: number } = {}) {
  return new RabbitRelay({
    url: options.url ?? RABBITMQ_URL,
    topology,
    batchSize: options.batchSize ?? 50,
    pollMs: 50,
    connectionName: `${prefix} relay`,
  })
}

function newWorker(prefetch = 8) {
  return new RabbitWorker({
    url: RABBITMQ_URL,
    topology,
    prefetch,
    connectionName: `${prefix} worker`,
  })
}

function inProcess() {
  return { relay: newRelay(), worker: newWorker() }
}

// These tests commit (the relay and the workers use their own connections), so they clean up instead of rolling back.
test.group('Jobs | RabbitMQ relay and workers', (group) => {
  group.setup(async () => {
    await ensureTestTables()
    return async () => {
      await cleanTestJobs()
      await withChannel((channel) => topology.remove(channel))
    }
  })
  group.each.setup(async () => {
    await cleanTestJobs()
    await purgeQueues()
  })

  test('jobs go through the broker and complete once; a poison job is dead-lettered while the others flow', async ({
    assert,
  }) => {
    const { relay, worker } = inProcess()
    await relay.start()
    await worker.start()
    try {
      const poison = await jobs.dispatch('platformtest.poison', {})
      const good = await Promise.all(
        Array.from({ length: 20 }, (_, seq) => jobs.dispatch('platformtest.effect', { seq }))
      )
      const finished = await waitFor(
        async () =>
          (await count(
            `SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status IN ('completed', 'failed')`,
            [[poison, ...good]]
          )) === 21,
        15_000
      )
      assert.isTrue(finished)
      assert.equal(
        await count(
          `SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status = 'completed'`,
          [good]
        ),
        20
      )
      assert.equal(await count('SELECT count(*) FROM jobs_test.effects'), 20)
      // The worker's dead-letter consumer takes the poison message and keeps the failure its handler gave.
      assert.isTrue(
        await waitFor(async () => (await readyIn(topology.deadLetterQueue)) === 0, 5_000),
        'the dead-letter queue is drained'
      )
      const job = await jobRow(poison)
      assert.equal(job.status, 'failed')
      assert.equal(job.attempts, 2)
      assert.include(job.last_error, 'this job always fails')
    } finally {
      await worker.stop()
      await relay.stop()
    }
  }).timeout(30_000)

  test('the broker connection cut mid-publish, while a large batch awaits its confirms: nothing lost, nothing run twice', async ({
    assert,
  }) => {
    const proxy = new CuttableProxy()
    await proxy.start()
    const worker = newWorker(8)
    const relay = newRelay({ url: proxy.url, batchSize: 200 })
    await worker.start()
    await relay.start()
    try {
      // The relay is connected and idle once a first job went through it.
      const warmUp = await jobs.dispatch('platformtest.effect', { seq: -1 })
      assert.isTrue(
        await waitFor(async () => (await jobRow(warmUp)).status === 'completed', 10_000),
        'the warm-up job ran'
      )
      const total = 500
      // Some 360 bytes go up per published message: the cut falls in the second batch of 200, the first one committed.
      proxy.cutAfter(100_000)
      const ids = await db.transaction(async (client) => {
        const created: string[] = []
        for (let seq = 0; seq < total; seq++)
          created.push(await jobs.dispatch('platformtest.effect', { seq }, { client }))
        return created
      })
      await Promise.race([
        proxy.cut.promise,
        sleep(10_000).then(() => assert.fail('the proxy was never cut')),
      ])
      const unpublished = await count(
        `SELECT count(*) FROM platform.outbox WHERE message_id = ANY(?) AND published_at IS NULL`,
        [ids]
      )
      console.log(
        `[jobs mid-publish test] cut after ${proxy.bytesUp} bytes up; unpublished at the cut: ${unpublished} of ${total}`
      )
      assert.isAbove(unpublished, 0, 'rows were still unpublished when the connection was cut')
      assert.isBelow(unpublished, total, 'the relay was publishing when the connection was cut')
      await sleep(300)
      proxy.restore()

      const done = await waitFor(
        async () =>
          (await count(
            'SELECT count(DISTINCT job_id) FROM jobs_test.effects WHERE job_id = ANY(?)',
            [ids]
          )) === total,
        25_000
      )
      assert.isTrue(done, 'every job ran')
      assert.isAtLeast(proxy.connections, 2, 'the relay reconnected')
      assert.equal(
        await count('SELECT count(*) FROM jobs_test.effects WHERE job_id = ANY(?)', [ids]),
        total,
        'one effect per job'
      )
      assert.equal(
        await count(
          `SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status = 'completed'`,
          [ids]
        ),
        total
      )
      assert.equal(
        await count(
          `SELECT count(*) FROM platform.outbox WHERE message_id = ANY(?) AND published_at IS NULL`,
          [ids]
        ),
        0
      )
    } finally {
      await relay.stop()
      await worker.stop()
      await proxy.stop()
    }
  }).timeout(45_000)

  test('a database outage does not burn the delivery limit: the worker backs off and the job completes', async ({
    assert,
  }) => {
    const { relay, worker } = inProcess()
    const id = await jobs.dispatch('platformtest.effect', { seq: 1 })
    // What the worker sees of a database blip: every statement on the jobs table fails.
    await db.rawQuery('ALTER TABLE platform.jobs RENAME TO jobs_offline')
    let renamed = true
    try {
      await relay.start()
      await worker.start()
      await waitFor(
        async () =>
          (await count(
            'SELECT count(*) FROM platform.outbox WHERE message_id = ? AND published_at IS NOT NULL',
            [id]
          )) === 1,
        5_000
      )
      await sleep(1_500)
      await db.rawQuery('ALTER TABLE platform.jobs_offline RENAME TO jobs')
      renamed = false
      assert.isTrue(
        await waitFor(async () => (await jobRow(id)).status === 'completed', 10_000),
        'the job completed once the database was back'
      )
      const job = await jobRow(id)
      assert.equal(job.attempts, 1)
      assert.isNull(job.last_error)
      assert.equal(await count('SELECT count(*) FROM jobs_test.effects WHERE job_id = ?', [id]), 1)
      assert.equal(await readyIn(topology.deadLetterQueue), 0)
    } finally {
      if (renamed) await db.rawQuery('ALTER TABLE platform.jobs_offline RENAME TO jobs')
      await worker.stop()
      await relay.stop()
    }
  }).timeout(30_000)

  test('what the broker dead-letters at the delivery limit reads failed with the reason, and an admin retry completes it', async ({
    assert,
  }) => {
    const organizationId = await createOrganization()
    const relay = newRelay()
    const worker = newWorker()
    await relay.start()
    try {
      const id = await jobs.dispatch('platformtest.effect', { seq: 1 }, { organizationId })
      const eventId = await events.publish(
        'platformtest.thing.happened',
        { seq: 2 },
        { organizationId }
      )
      // Workers that die on the messages, as far as the broker can tell: every delivery comes back unacknowledged.
      let deliveries = 0
      await withChannel(async (channel) => {
        await channel.prefetch(1)
        for (const queue of [topology.jobsQueue, topology.consumerQueue('platformtest.counter')]) {
          await channel.consume(queue, (message) => {
            deliveries++
            if (message) channel.nack(message, false, true)
          })
        }
        assert.isTrue(
          await waitFor(async () => (await readyIn(topology.deadLetterQueue)) === 2, 10_000),
          'both messages were dead-lettered'
        )
      })
      assert.isAtLeast(deliveries, 2 * DELIVERY_LIMIT)
      assert.equal((await jobRow(id)).status, 'queued', 'the database knows nothing of it yet')

      await worker.start()
      assert.isTrue(
        await waitFor(async () => (await jobRow(id)).status === 'failed', 10_000),
        'the job reads failed'
      )
      const job = await jobRow(id)
      assert.include(job.last_error, `delivered ${DELIVERY_LIMIT} times without being acknowledged`)
      const eventRow = await db.from('platform.outbox').where('message_id', eventId).first()
      assert.isNotNull(eventRow.failed_at)
      assert.include(eventRow.last_error, 'platformtest.counter: Dead-lettered by RabbitMQ')
      assert.isTrue(
        await waitFor(async () => (await readyIn(topology.deadLetterQueue)) === 0, 5_000),
        'the dead letters were acknowledged'
      )
      const failedList = await jobAdmin.list(organizationId, {
        status: 'failed',
        page: 1,
        perPage: 10,
      })
      assert.deepEqual(
        failedList.data.map((listed) => listed.id),
        [id]
      )

      await jobAdmin.retry(organizationId, id)
      assert.isTrue(
        await waitFor(async () => (await jobRow(id)).status === 'completed', 10_000),
        'the retried job completed'
      )
      assert.equal(await count('SELECT count(*) FROM jobs_test.effects WHERE job_id = ?', [id]), 1)
    } finally {
      await worker.stop()
      await relay.stop()
      await deleteOrganization(organizationId)
    }
  }).timeout(30_000)

  test('stopping a worker cancels its consumers first: nothing starts after stop() and what was in hand finishes', async ({
    assert,
  }) => {
    const relay = newRelay()
    let worker = newWorker(4)
    await relay.start()
    await worker.start()
    try {
      const total = 30
      const ids = await db.transaction(async (client) => {
        const created: string[] = []
        for (let seq = 0; seq < total; seq++)
          created.push(
            await jobs.dispatch('platformtest.effect', { seq, sleepMs: 150 }, { client })
          )
        return created
      })
      assert.isTrue(
        await waitFor(
          async () => (await count('SELECT count(*) FROM jobs_test.effects')) >= 4,
          10_000
        )
      )
      await worker.stop()
      const runs = await count('SELECT count(*) FROM jobs_test.runs')
      const effects = await count('SELECT count(*) FROM jobs_test.effects')
      assert.equal(runs, effects, 'every job it had started finished before stop() returned')
      assert.isBelow(effects, total)
      await sleep(500)
      assert.equal(
        await count('SELECT count(*) FROM jobs_test.runs'),
        runs,
        'no job started after stop() returned'
      )

      worker = newWorker(4)
      await worker.start()
      assert.isTrue(
        await waitFor(
          async () =>
            (await count(
              `SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status = 'completed'`,
              [ids]
            )) === total,
          15_000
        )
      )
      assert.equal(await count('SELECT count(*) FROM jobs_test.effects'), total)
    } finally {
      await worker.stop()
      await relay.stop()
    }
  }).timeout(30_000)

  test('rows the broker nacks are published again after a pause; the confirmed ones are not published twice', async ({
    assert,
  }) => {
    const policy = `${prefix}-full`
    const relay = newRelay()
    const worker = newWorker(2)
    // A jobs queue that holds 5 messages and then refuses more (reject-publish): the broker nacks them.
    await run('rabbitmqctl', [
      '-q',
      'set_policy',
      '--apply-to',
      'queues',
      policy,
      `^${prefix}\\.jobs$`,
      '{"max-length":5}',
    ])
    try {
      await relay.start()
      const first = await Promise.all(
        Array.from({ length: 6 }, (_, seq) => jobs.dispatch('platformtest.effect', { seq }))
      )
      assert.isTrue(
        await waitFor(async () => (await readyIn(topology.jobsQueue)) === 6, 5_000),
        'the queue is full'
      )
      const more = await Promise.all(
        Array.from({ length: 6 }, (_, seq) =>
          jobs.dispatch('platformtest.effect', { seq: 6 + seq })
        )
      )
      const nacked = await waitFor(
        async () =>
          (await count(
            `SELECT count(*) FROM platform.outbox WHERE message_id = ANY(?) AND last_error LIKE 'nacked%'`,
            [more]
          )) === more.length,
        5_000
      )
      assert.isTrue(nacked, 'the broker nacked the messages beyond the limit')
      const waiting = await db
        .from('platform.outbox')
        .whereIn('message_id', more)
        .whereNull('published_at')
      assert.lengthOf(waiting, more.length)
      for (const row of waiting)
        assert.isAbove(
          new Date(row.available_at).getTime(),
          Date.now(),
          'a nacked row waits before going again'
        )
      assert.equal(
        await count(
          `SELECT count(*) FROM platform.outbox WHERE message_id = ANY(?) AND published_at IS NOT NULL`,
          [first]
        ),
        first.length
      )
      assert.equal(
        await readyIn(topology.jobsQueue),
        first.length,
        'the confirmed messages were not published again'
      )

      // A worker drains the queue; the nacked rows go again once their pause is over.
      await worker.start()
      const ids = [...first, ...more]
      const done = await waitFor(
        async () =>
          (await count(
            `SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status = 'completed'`,
            [ids]
          )) === ids.length,
        15_000
      )
      assert.isTrue(done, 'every job ran once the queue had room')
      assert.equal(await count('SELECT count(*) FROM jobs_test.effects'), ids.length)
      assert.equal(
        await count('SELECT count(*) FROM jobs_test.runs'),
        ids.length,
        'no message was published twice'
      )
    } finally {
      await run('rabbitmqctl', ['-q', 'clear_policy', policy]).catch(() => undefined)
      await worker.stop()
      await relay.stop()
    }
  }).timeout(30_000)

  test('a worker killed with SIGKILL mid-job and restarted: every job completes, once in effect', async ({
    assert,
  }) => {
    const total = 60
    const relay = startProcess('jobs:relay')
    let worker = startProcess('jobs:work')
    try {
      // Every tenth job takes 3 s, so the kill below lands in the middle of one even on a busy machine.
      const ids = await Promise.all(
        Array.from({ length: total }, (_, seq) =>
          jobs.dispatch('platformtest.effect', { seq, sleepMs: seq % 10 === 5 ? 3000 : 100 })
        )
      )
      // Kill it while a job is half-way: one run started over 300 ms ago has not committed its effect.
      const midJob = await waitFor(async () => {
        const effects = await count('SELECT count(*) FROM jobs_test.effects')
        const stuck = await count(
          `SELECT count(*) FROM jobs_test.runs r
           WHERE r.at < clock_timestamp() - interval '300 milliseconds'
             AND NOT EXISTS (SELECT 1 FROM jobs_test.effects e WHERE e.job_id = r.job_id)`
        )
        return effects >= 5 && stuck > 0
      }, 30_000)
      assert.isTrue(midJob, 'the worker process is in the middle of jobs')
      await stopProcess(worker, 'SIGKILL')
      const runsBeforeRestart = await count('SELECT count(*) FROM jobs_test.runs')
      const effectsBeforeRestart = await count('SELECT count(*) FROM jobs_test.effects')
      assert.isAbove(runsBeforeRestart, effectsBeforeRestart, 'jobs were cut off mid-run')
      worker = startProcess('jobs:work')
      const done = await waitFor(
        async () => (await count('SELECT count(DISTINCT job_id) FROM jobs_test.effects')) === total,
        40_000
      )
      const runs = await count('SELECT count(*) FROM jobs_test.runs')
      const effects = await count('SELECT count(*) FROM jobs_test.effects')
      const lost = total - (await count('SELECT count(DISTINCT job_id) FROM jobs_test.effects'))
      console.log(
        `[jobs crash test] jobs: ${total}, runs: ${runs} (cut off by SIGKILL: ${runs - effects}), effects: ${effects}, lost: ${lost}`
      )
      assert.isTrue(done)
      assert.equal(lost, 0)
      assert.equal(effects, total, 'no job had a second effect')
      assert.equal(
        await count(
          `SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status = 'completed'`,
          [ids]
        ),
        total
      )
    } finally {
      await stopProcess(worker)
      await stopProcess(relay)
    }
  }).timeout(90_000)
})
