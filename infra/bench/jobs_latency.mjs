#!/usr/bin/env node
/*
 * Outbox-to-consumer latency (median, p99) and throughput of the jobs engine, on RabbitMQ (relay +
 * worker processes) and on the embedded PostgreSQL worker, in one run.
 *   node infra/bench/jobs_latency.mjs   (BENCH_DATABASE_URL, BENCH_RABBITMQ_URL, LATENCY_JOBS, THROUGHPUT_JOBS)
 * Jobs are written to the outbox as jobs.dispatch writes them (job row + outbox row + NOTIFY, one
 * transaction) and run by the test handler `platformtest.effect`, which records when it ran.
 * The exchanges and queues it creates (prefix iabench-<pid>) are deleted when it ends, even on Ctrl-C.
 */
import { execFile, spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'

// amqplib is a dependency of the platform module, which owns the broker code.
const amqplib = createRequire(new URL('../../modules/platform/package.json', import.meta.url))(
  'amqplib'
)

const BACKEND = fileURLToPath(new URL('../../backend/', import.meta.url))
const NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url))
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ia_bench_jobs'
const RABBITMQ_URL = process.env.BENCH_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
const LATENCY_JOBS = Number(process.env.LATENCY_JOBS ?? 300)
const THROUGHPUT_JOBS = Number(process.env.THROUGHPUT_JOBS ?? 3000)
const CONCURRENCY = process.env.JOBS_CONCURRENCY ?? '8'
const PREFIX = `iabench-${process.pid}`

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** The vhost of RABBITMQ_URL ('/' when the URL names none). */
function vhost() {
  return decodeURIComponent(new URL(RABBITMQ_URL).pathname.slice(1)) || '/'
}

/**
 * The names of this run's queues on the broker (one per event consumer the worker registered, besides
 * the jobs and dead-letter queues): from rabbitmqctl when the broker is local, else from the management
 * API (BENCH_RABBITMQ_API, default http://<host>:15672); null when neither answers.
 */
async function listBenchQueues() {
  const ours = (names) => names.filter((name) => name.startsWith(`${PREFIX}.`))
  try {
    const { stdout } = await promisify(execFile)('rabbitmqctl', [
      '-q',
      'list_queues',
      '-p',
      vhost(),
      'name',
    ])
    return ours(stdout.split('\n').map((line) => line.trim()))
  } catch {}
  try {
    const url = new URL(RABBITMQ_URL)
    const api = process.env.BENCH_RABBITMQ_API ?? `http://${url.hostname}:15672`
    const credentials = Buffer.from(
      `${decodeURIComponent(url.username || 'guest')}:${decodeURIComponent(url.password || 'guest')}`
    ).toString('base64')
    const response = await fetch(`${api}/api/queues/${encodeURIComponent(vhost())}?columns=name`, {
      headers: { authorization: `Basic ${credentials}` },
    })
    if (response.ok) return ours((await response.json()).map((queue) => queue.name))
  } catch {}
  return null
}

/** Deletes the exchanges and queues the relay and the worker declared under PREFIX. */
async function deleteBrokerTopology() {
  const listed = await listBenchQueues()
  const queues = [...new Set([`${PREFIX}.jobs`, `${PREFIX}.dead-letter`, ...(listed ?? [])])]
  const connection = await amqplib.connect(RABBITMQ_URL)
  const channel = await connection.createChannel()
  for (const queue of queues) await channel.deleteQueue(queue)
  for (const exchange of [`${PREFIX}.jobs`, `${PREFIX}.events`, `${PREFIX}.dead`])
    await channel.deleteExchange(exchange)
  await connection.close()
  console.log(`broker: deleted ${queues.length} queues and 3 exchanges named ${PREFIX}.*`)
  if (!listed)
    console.warn(
      `broker: could not list the queues (no rabbitmqctl, no management API): delete the queues named ${PREFIX}.event.* by hand`
    )
}

async function ensureDatabase() {
  const url = new URL(DATABASE_URL)
  const name = url.pathname.slice(1)
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(DATABASE_URL), { pathname: '/postgres' }).href,
  })
  await admin.connect()
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
}

const env = (extra = {}) => ({
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL,
  LOG_LEVEL: 'error',
  JOBS_CONCURRENCY: CONCURRENCY,
  JOBS_POLL_MS: '1000',
  ...extra,
})

function startProcess(command, extra) {
  return spawn(NODE, ['--import', '@poppinss/ts-exec', 'tests/support/jobs_process.ts', command], {
    cwd: BACKEND,
    env: env(extra),
    stdio: ['ignore', 'inherit', 'inherit'],
  })
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', resolve)
    child.kill('SIGTERM')
  })
}

async function dispatch(client, count) {
  const ids = Array.from({ length: count }, () => randomUUID())
  await client.query('BEGIN')
  for (const [seq, id] of ids.entries()) {
    await client.query(
      `INSERT INTO platform.jobs (id, name, payload, status, max_attempts, created_at, updated_at) VALUES ($1, 'platformtest.effect', $2, 'queued', 5, clock_timestamp(), clock_timestamp())`,
      [id, JSON.stringify({ seq })]
    )
    await client.query(
      `INSERT INTO platform.outbox (message_id, kind, name, payload, created_at, occurred_at, available_at) VALUES ($1, 'job', 'platformtest.effect', $2, clock_timestamp(), clock_timestamp(), clock_timestamp())`,
      [id, JSON.stringify({ seq })]
    )
  }
  await client.query(`SELECT pg_notify('platform_outbox', 'job')`)
  await client.query('COMMIT')
  return ids
}

async function waitDone(client, ids, ms) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const { rows } = await client.query(
      'SELECT count(DISTINCT job_id)::int AS n FROM jobs_test.effects WHERE job_id = ANY($1)',
      [ids]
    )
    if (rows[0].n === ids.length) return true
    await sleep(20)
  }
  return false
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function measure(client, label) {
  // Warm-up: the processes are up and connected when one job has run.
  if (!(await waitDone(client, await dispatch(client, 1), 60_000)))
    throw new Error(`${label}: the worker never ran the warm-up job`)
  const ids = []
  for (let i = 0; i < LATENCY_JOBS; i++) {
    ids.push(...(await dispatch(client, 1)))
    await sleep(10)
  }
  if (!(await waitDone(client, ids, 60_000)))
    throw new Error(`${label}: latency jobs did not all complete`)
  const { rows } = await client.query(
    `SELECT EXTRACT(EPOCH FROM (e.at - o.created_at)) * 1000 AS ms FROM jobs_test.effects e JOIN platform.outbox o ON o.message_id = e.job_id WHERE e.job_id = ANY($1) ORDER BY 1`,
    [ids]
  )
  const latencies = rows.map((row) => Number(row.ms))
  const started = Date.now()
  const batch = await dispatch(client, THROUGHPUT_JOBS)
  if (!(await waitDone(client, batch, 180_000)))
    throw new Error(`${label}: throughput jobs did not all complete`)
  const { rows: span } = await client.query(
    `SELECT EXTRACT(EPOCH FROM (max(e.at) - min(o.created_at))) AS s FROM jobs_test.effects e JOIN platform.outbox o ON o.message_id = e.job_id WHERE e.job_id = ANY($1)`,
    [batch]
  )
  const seconds = Number(span[0].s)
  const { rows: dup } = await client.query(
    'SELECT count(*)::int - count(DISTINCT job_id)::int AS n FROM jobs_test.effects'
  )
  return {
    label,
    median: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    throughput: THROUGHPUT_JOBS / seconds,
    wall: (Date.now() - started) / 1000,
    duplicates: dup[0].n,
  }
}

async function reset(client) {
  await client.query(
    `DELETE FROM platform.processed_messages WHERE consumer LIKE 'job:platformtest.%'`
  )
  await client.query(`DELETE FROM platform.outbox WHERE name LIKE 'platformtest.%'`)
  await client.query(`DELETE FROM platform.jobs WHERE name LIKE 'platformtest.%'`)
  await client.query('TRUNCATE jobs_test.effects, jobs_test.runs')
}

await ensureDatabase()
const migrated = spawnSync(NODE, ['ace.js', 'migration:run', '--force'], {
  cwd: BACKEND,
  env: env(),
  stdio: 'inherit',
})
if (migrated.status !== 0) process.exit(1)
const client = new pg.Client({ connectionString: DATABASE_URL })
await client.connect()
await client.query('CREATE SCHEMA IF NOT EXISTS jobs_test')
await client.query(
  'CREATE TABLE IF NOT EXISTS jobs_test.effects (job_id uuid NOT NULL, seq integer, at timestamptz NOT NULL DEFAULT clock_timestamp())'
)
await client.query(
  'CREATE TABLE IF NOT EXISTS jobs_test.runs (job_id uuid NOT NULL, attempt integer, pid integer, at timestamptz NOT NULL DEFAULT clock_timestamp())'
)

const results = []
const children = new Set()
let brokerUsed = false
let cleaning = null
/** Stops the processes, then removes what the run left on the broker (once, whichever way the run ends). */
function cleanUp() {
  cleaning ??= (async () => {
    await Promise.all([...children].map(stop))
    if (brokerUsed)
      await deleteBrokerTopology().catch((error) =>
        console.error(
          `broker: could not delete the ${PREFIX}.* queues and exchanges:`,
          error.message
        )
      )
  })()
  return cleaning
}
process.once('SIGINT', () => cleanUp().finally(() => process.exit(130)))

try {
  await reset(client)
  const rabbit = { RABBITMQ_URL, RABBITMQ_PREFIX: PREFIX }
  brokerUsed = true
  const relay = startProcess('jobs:relay', rabbit)
  const rabbitWorker = startProcess('jobs:work', rabbit)
  children.add(relay).add(rabbitWorker)
  try {
    results.push(await measure(client, `RabbitMQ (relay + 1 worker, prefetch ${CONCURRENCY})`))
  } finally {
    await Promise.all([stop(relay), stop(rabbitWorker)])
    children.clear()
  }
  await reset(client)
  const embedded = startProcess('jobs:work', { RABBITMQ_URL: '' })
  children.add(embedded)
  try {
    results.push(
      await measure(client, `embedded PostgreSQL worker (1 process, concurrency ${CONCURRENCY})`)
    )
  } finally {
    await stop(embedded)
    children.clear()
  }
} finally {
  await cleanUp()
  await reset(client).catch(() => undefined)
  await client.end()
}

console.log(
  `\njobs: ${LATENCY_JOBS} dispatched one by one (latency), then ${THROUGHPUT_JOBS} in one transaction (throughput)`
)
for (const result of results) {
  console.log(
    `${result.label}: latency median ${result.median.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms; throughput ${result.throughput.toFixed(0)} jobs/s; duplicates ${result.duplicates}`
  )
}
