import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import { connect } from 'amqplib'
import db from '@adonisjs/lucid/services/db'
import { jobs } from '../../../contracts/jobs.ts'
import { RabbitRelay } from '../../../app/jobs/rabbitmq_relay.ts'
import { RabbitTopology } from '../../../app/jobs/rabbitmq_topology.ts'
import { handlerRegistry } from '../../../app/jobs/registry.ts'
import { RabbitWorker } from '../../../app/jobs/rabbitmq_worker.ts'
import { cleanTestJobs, ensureTestTables } from '../../fixtures/test_jobs.ts'

const RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
const BACKEND = fileURLToPath(new URL('../../../../../backend/', import.meta.url))
const NODE = process.execPath
const run = promisify(execFile)

/** A prefix of its own per run, so the test queues never meet another environment's. */
const prefix = `iatest-${process.pid}`

async function count(sql: string, bindings: unknown[] = []) {
  return Number((await db.rawQuery(sql, bindings)).rows[0].count)
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

async function deleteQueues() {
  const connection = await connect(RABBITMQ_URL)
  const channel = await connection.createChannel()
  const topology = new RabbitTopology(prefix, 3)
  const consumers = new Set(handlerRegistry.consumers().map((entry) => entry.consumer))
  for (const queue of [topology.jobsQueue, topology.deadLetterQueue, ...[...consumers].map((consumer) => topology.consumerQueue(consumer))]) {
    await channel.deleteQueue(queue)
  }
  for (const exchange of [topology.jobsExchange, topology.eventsExchange, topology.deadLetterExchange]) await channel.deleteExchange(exchange)
  await connection.close()
}

async function deadLetterCount() {
  const connection = await connect(RABBITMQ_URL)
  const channel = await connection.createChannel()
  const { messageCount } = await channel.checkQueue(new RabbitTopology(prefix, 3).deadLetterQueue)
  await connection.close()
  return messageCount
}

/** Closes the broker side of every connection whose name contains `name` (what an operator or a network cut does). */
async function closeConnections(name: string) {
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties'])
  const pids = stdout.split('\n').filter((line) => line.includes(name)).map((line) => line.split('\t')[0])
  for (const pid of pids) await run('rabbitmqctl', ['-q', 'close_connection', pid, 'closed by the jobs test'])
  return pids.length
}

/** Starts `jobs:work` or `jobs:relay` as its own process, with the test handlers registered. */
function startProcess(command: 'jobs:work' | 'jobs:relay'): ChildProcess {
  const child = spawn(NODE, ['--import', '@poppinss/ts-exec', 'tests/support/jobs_process.ts', command], {
    cwd: BACKEND,
    env: { ...process.env, NODE_ENV: 'test', RABBITMQ_URL, RABBITMQ_PREFIX: prefix, RABBITMQ_DELIVERY_LIMIT: '3', JOBS_CONCURRENCY: '4', JOBS_POLL_MS: '100', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  return child
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

function inProcess() {
  const topology = new RabbitTopology(prefix, 3)
  return {
    relay: new RabbitRelay({ url: RABBITMQ_URL, topology, batchSize: 50, pollMs: 50, connectionName: `${prefix} relay` }),
    worker: new RabbitWorker({ url: RABBITMQ_URL, topology, prefetch: 8, connectionName: `${prefix} worker` }),
  }
}

// These tests commit (the relay and the workers use their own connections), so they clean up instead of rolling back.
test.group('Jobs | RabbitMQ relay and workers', (group) => {
  group.setup(async () => {
    await ensureTestTables()
    return async () => {
      await cleanTestJobs()
      await deleteQueues()
    }
  })
  group.each.setup(() => cleanTestJobs())

  test('jobs go through the broker and complete once; a poison job is dead-lettered while the others flow', async ({ assert }) => {
    const { relay, worker } = inProcess()
    await relay.start()
    await worker.start()
    try {
      const poison = await jobs.dispatch('platformtest.poison', {})
      const good = await Promise.all(Array.from({ length: 20 }, (_, seq) => jobs.dispatch('platformtest.effect', { seq })))
      const finished = await waitFor(
        async () => (await count(`SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status IN ('completed', 'failed')`, [[poison, ...good]])) === 21,
        15_000
      )
      assert.isTrue(finished)
      assert.equal(await count(`SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status = 'completed'`, [good]), 20)
      assert.equal(await count('SELECT count(*) FROM jobs_test.effects'), 20)
      const job = await db.from('platform.jobs').where('id', poison).first()
      assert.equal(job.status, 'failed')
      assert.equal(job.attempts, 2)
      assert.isTrue(await waitFor(async () => (await deadLetterCount()) === 1, 5_000), 'the poison message is in the dead-letter queue')
    } finally {
      await worker.stop()
      await relay.stop()
    }
  }).timeout(30_000)

  test('the broker dropping the relay mid-publish loses nothing and runs nothing twice in effect', async ({ assert }) => {
    const { relay, worker } = inProcess()
    await worker.start()
    const total = 400
    const ids = await db.transaction(async (client) => {
      const created: string[] = []
      for (let seq = 0; seq < total; seq++) created.push(await jobs.dispatch('platformtest.effect', { seq }, { client }))
      return created
    })
    await relay.start()
    try {
      await waitFor(async () => (await count(`SELECT count(*) FROM platform.outbox WHERE name = 'platformtest.effect' AND published_at IS NOT NULL`)) > 0, 10_000)
      const closed = await closeConnections(`${prefix} relay`)
      assert.isAtLeast(closed, 1)
      const done = await waitFor(async () => (await count('SELECT count(DISTINCT job_id) FROM jobs_test.effects')) === total, 30_000)
      assert.isTrue(done)
      assert.equal(await count('SELECT count(*) FROM jobs_test.effects'), total, 'one effect per job')
      assert.equal(await count(`SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status = 'completed'`, [ids]), total)
    } finally {
      await relay.stop()
      await worker.stop()
    }
  }).timeout(60_000)

  test('a worker killed with SIGKILL mid-job and restarted: every job completes, once in effect', async ({ assert }) => {
    const total = 60
    const relay = startProcess('jobs:relay')
    let worker = startProcess('jobs:work')
    try {
      const ids = await Promise.all(Array.from({ length: total }, (_, seq) => jobs.dispatch('platformtest.effect', { seq, sleepMs: 100 })))
      // Kill it while jobs are half-way: more runs started than effects committed.
      const midJob = await waitFor(async () => {
        const effects = await count('SELECT count(*) FROM jobs_test.effects')
        return effects >= 5 && (await count('SELECT count(*) FROM jobs_test.runs')) > effects
      }, 30_000)
      assert.isTrue(midJob, 'the worker process is in the middle of jobs')
      await stopProcess(worker, 'SIGKILL')
      const runsBeforeRestart = await count('SELECT count(*) FROM jobs_test.runs')
      const effectsBeforeRestart = await count('SELECT count(*) FROM jobs_test.effects')
      assert.isAbove(runsBeforeRestart, effectsBeforeRestart, 'jobs were cut off mid-run')
      worker = startProcess('jobs:work')
      const done = await waitFor(async () => (await count('SELECT count(DISTINCT job_id) FROM jobs_test.effects')) === total, 40_000)
      const runs = await count('SELECT count(*) FROM jobs_test.runs')
      const effects = await count('SELECT count(*) FROM jobs_test.effects')
      const lost = total - (await count('SELECT count(DISTINCT job_id) FROM jobs_test.effects'))
      console.log(`[jobs crash test] jobs: ${total}, runs: ${runs} (cut off by SIGKILL: ${runs - effects}), effects: ${effects}, lost: ${lost}`)
      assert.isTrue(done)
      assert.equal(lost, 0)
      assert.equal(effects, total, 'no job had a second effect')
      assert.equal(await count(`SELECT count(*) FROM platform.jobs WHERE id = ANY(?) AND status = 'completed'`, [ids]), total)
    } finally {
      await stopProcess(worker)
      await stopProcess(relay)
    }
  }).timeout(90_000)
})
