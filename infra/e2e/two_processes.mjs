#!/usr/bin/env node
/*
 * Two app processes sharing PostgreSQL and Redis, as behind infra/nginx/ia-solution.conf: a session
 * opened on one works on the other, a live subscription sent to the other reaches the stream held
 * by the first, and a server-sent event published by either reaches browsers connected to both.
 * Then the job path of production: a job dispatched through one web process and run by a separate
 * `jobs:work` process reports its progress to a browser connected to the other web process, first
 * with the worker reading the outbox in PostgreSQL, then with RabbitMQ (`jobs:relay` + `jobs:work`).
 * Run with Node 24 from the repository root; PostgreSQL on 5432, Redis on 6379 and RabbitMQ on 5672
 * must be up. CLUSTER_DATABASE, CLUSTER_PORT (and the next one), CLUSTER_REDIS_URL, CLUSTER_RABBITMQ_URL
 * and RABBITMQ_PREFIX keep concurrent runs apart; queues under a prefix this script made up are deleted
 * at the end.
 */
import { execFile, spawn, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BACKEND = join(ROOT, 'backend')
const pg = createRequire(join(BACKEND, 'package.json'))('pg')
const amqp = createRequire(join(ROOT, 'modules', 'platform', 'package.json'))('amqplib')
const DATABASE = process.env.CLUSTER_DATABASE ?? 'ia_cluster'
const PORTS = [
  Number(process.env.CLUSTER_PORT ?? 3381),
  Number(process.env.CLUSTER_PORT ?? 3381) + 1,
]
const REDIS_URL = process.env.CLUSTER_REDIS_URL ?? 'redis://127.0.0.1:6379/6'
const RABBITMQ_URL = process.env.CLUSTER_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
const OWN_PREFIX = !process.env.RABBITMQ_PREFIX
const RABBITMQ_PREFIX =
  process.env.RABBITMQ_PREFIX ??
  `e2e.${DATABASE.toLowerCase().replace(/[^a-z0-9_]/g, '_')}.${process.pid}`.slice(0, 41)
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DATABASE}`
/** How long a process has to stop after SIGTERM before it counts as hung (and is killed). */
const STOP_TIMEOUT_MS = 15000

const execFileAsync = promisify(execFile)
const results = []
async function scenario(name, body) {
  const started = Date.now()
  try {
    await body()
    results.push({ name, ok: true })
    console.log(`  ✔ ${name} (${Date.now() - started} ms)`)
  } catch (error) {
    results.push({ name, ok: false })
    console.log(`  ✖ ${name}\n    ${error.stack?.split('\n').slice(0, 6).join('\n    ')}`)
    if (error.cause) console.log(`    cause: ${error.cause.stack ?? error.cause}`)
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

async function resetDatabase() {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${DATABASE}"`)
  await admin.end()
}

const DATA_DIR = mkdtempSync(join(tmpdir(), 'ia-cluster-'))
const {
  RABBITMQ_URL: _ignoredBroker,
  JOBS_IN_WEB_PROCESS: _ignoredInWeb,
  ...inherited
} = process.env
/** Redis, no RabbitMQ: the worker reads the outbox in PostgreSQL, no web process runs jobs. */
const baseEnv = {
  ...inherited,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  APP_KEY: 'cluster-test-app-key-0123456789abcdef',
  LOG_LEVEL: 'warn',
  DATABASE_URL,
  REDIS_URL,
  DATA_DIR,
  // What the worker and relay read too: emailed links point at the public URL (one origin behind nginx).
  PORT: String(PORTS[0]),
  APP_URL: `http://localhost:${PORTS[0]}`,
  JOBS_IN_WEB_PROCESS: 'false',
  JOBS_POLL_MS: '200',
}
/** Every process of the RabbitMQ setup, web ones included (their readiness then checks the broker). */
const brokerEnv = { ...baseEnv, RABBITMQ_URL, RABBITMQ_PREFIX }

/** Every process this script started and has not seen exit, so that a failure still stops them. */
const running = new Set()
// Whatever ends this script (a failed start, an exception) ends them too.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/** Spawns `args` in backend/; `readyLine` (a regexp on its output) or `ready()` says when it is up. */
async function startProcess(name, args, env, { ready, readyLine, timeoutMs = 60000 }) {
  const child = spawn(process.execPath, args, {
    cwd: BACKEND,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  const exited = new Promise((resolveExit) =>
    child.once('exit', (code, signal) => {
      running.delete(child)
      resolveExit({ code, signal })
    })
  )
  let sawLine = false
  for (const [source, target] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    let pending = ''
    source.on('data', (chunk) => {
      pending += chunk
      let end
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end)
        pending = pending.slice(end + 1)
        if (readyLine?.test(line)) sawLine = true
        target.write(`    [${name}] ${line}\n`)
      }
    })
  }
  const handle = {
    name,
    exited,
    /** SIGTERM, then waits; 'timeout' (and SIGKILL) when it does not exit in time, else how it exited. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited
      child.kill('SIGTERM')
      const outcome = await Promise.race([
        exited,
        new Promise((r) => setTimeout(() => r('timeout'), STOP_TIMEOUT_MS)),
      ])
      if (outcome === 'timeout') {
        child.kill('SIGKILL')
        await exited
      }
      return outcome
    },
  }
  const deadline = Date.now() + timeoutMs
  let gone = false
  exited.then(() => (gone = true))
  while (Date.now() < deadline && !gone) {
    if (readyLine ? sawLine : await ready().catch(() => false)) return handle
    await new Promise((r) => setTimeout(r, 200))
  }
  await handle.stop()
  throw new Error(`${name} did not start${gone ? ' (it exited)' : ` within ${timeoutMs} ms`}`)
}

/** A web process on `port`, ready once /health/ready answers 200. */
async function startWeb(port, env) {
  const baseUrl = `http://127.0.0.1:${port}`
  const handle = await startProcess(
    `web ${port}`,
    ['--import', '@poppinss/ts-exec', 'bin/server.ts'],
    { ...env, PORT: String(port), APP_URL: `http://localhost:${port}` },
    {
      ready: async () => (await fetch(`${baseUrl}/health/ready`)).ok,
    }
  )
  return { ...handle, baseUrl }
}

/** `node ace.js jobs:work`, a process of its own. */
function startWorker(env) {
  return startProcess('worker', ['ace.js', 'jobs:work', '--concurrency', '2'], env, {
    readyLine: /jobs worker started/,
  })
}

/** `node ace.js jobs:relay`, publishing the outbox to RabbitMQ. */
function startRelay(env) {
  return startProcess('relay', ['ace.js', 'jobs:relay'], env, { readyLine: /outbox relay started/ })
}

/** Stops `processes` together and asserts each exited by itself within the time limit. */
async function stopAll(processes) {
  const outcomes = await Promise.all(
    processes.map(async (handle) => [handle.name, await handle.stop()])
  )
  for (const [name, outcome] of outcomes) {
    assert(outcome !== 'timeout', `${name} did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM`)
    assert(outcome.code === 0, `${name} exited with ${JSON.stringify(outcome)}`)
  }
}

/** Deletes the queues and exchanges of the RabbitMQ phase, when their prefix is this run's own. */
async function removeTopology() {
  if (!OWN_PREFIX) return
  const listed = spawnSync('rabbitmqctl', ['-q', 'list_queues', 'name'], { encoding: 'utf8' })
  const queues = new Set([`${RABBITMQ_PREFIX}.jobs`, `${RABBITMQ_PREFIX}.dead-letter`])
  for (const line of listed.stdout?.split('\n') ?? [])
    if (line.startsWith(`${RABBITMQ_PREFIX}.`)) queues.add(line.trim())
  const connection = await amqp.connect(RABBITMQ_URL)
  try {
    const channel = await connection.createChannel()
    for (const queue of queues) await channel.deleteQueue(queue)
    for (const exchange of ['jobs', 'events', 'dead'])
      await channel.deleteExchange(`${RABBITMQ_PREFIX}.${exchange}`)
  } finally {
    await connection.close()
  }
}

/** A browser's cookie jar, shared by both processes as nginx makes them one origin. */
class Browser {
  cookies = new Map()

  #store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const separator = pair.indexOf('=')
      const value = pair.slice(separator + 1).trim()
      if (value) this.cookies.set(pair.slice(0, separator).trim(), value)
      else this.cookies.delete(pair.slice(0, separator).trim())
    }
  }

  headers(extra = {}) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    return { accept: 'application/json', ...(cookie ? { cookie } : {}), ...extra }
  }

  async request(server, method, path, json) {
    if (method !== 'GET' && !this.cookies.has('XSRF-TOKEN'))
      await this.request(server, 'GET', '/api/v1/auth/csrf')
    const headers = this.headers(json === undefined ? {} : { 'content-type': 'application/json' })
    if (method !== 'GET')
      headers['x-xsrf-token'] = decodeURIComponent(this.cookies.get('XSRF-TOKEN'))
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    })
    this.#store(response)
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : null }
  }

  /** A server-sent-event connection to `server`, read with fetch streaming like EventSource does. */
  async openStream(server, uid) {
    const controller = new AbortController()
    const response = await fetch(`${server.baseUrl}/__transmit/events?uid=${uid}`, {
      headers: this.headers({ accept: 'text/event-stream' }),
      signal: controller.signal,
    })
    assert(response.status === 200, `stream on ${server.baseUrl}: ${response.status}`)
    assert(response.headers.get('content-type') === 'text/event-stream', 'stream content type')
    const frames = []
    const waiting = []
    const pump = (async () => {
      let buffer = ''
      const decoder = new TextDecoder()
      try {
        for await (const chunk of response.body) {
          buffer += decoder.decode(chunk, { stream: true })
          let end
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const data = buffer
              .slice(0, end)
              .split('\n')
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).trim())
              .join('\n')
            buffer = buffer.slice(end + 2)
            if (!data) continue
            const frame = JSON.parse(data)
            if (frame.channel === '$$transmit/ping') continue
            const resolveFrame = waiting.shift()
            if (resolveFrame) resolveFrame(frame)
            else frames.push(frame)
          }
        }
      } catch {}
    })()
    return {
      next(timeoutMs = 5000) {
        if (frames.length) return Promise.resolve(frames.shift())
        return new Promise((resolveFrame, reject) => {
          const deliver = (frame) => {
            clearTimeout(timer)
            resolveFrame(frame)
          }
          const timer = setTimeout(() => {
            // A frame arriving later is kept for the next call, not handed to this expired wait.
            waiting.splice(waiting.indexOf(deliver), 1)
            reject(new Error(`no event on ${server.baseUrl} within ${timeoutMs} ms`))
          }, timeoutMs)
          waiting.push(deliver)
        })
      },
      async close() {
        controller.abort()
        await pump
      },
    }
  }
}

console.log(`Two app processes on ${PORTS.join(' and ')}, database ${DATABASE}, Redis ${REDIS_URL}`)
await resetDatabase()
const migrated = spawnSync(process.execPath, ['ace.js', 'migration:run', '--force'], {
  cwd: BACKEND,
  env: baseEnv,
  stdio: 'inherit',
})
if (migrated.status !== 0) throw new Error('migrations failed')
let [first, second] = await Promise.all(PORTS.map((port) => startWeb(port, baseEnv)))
let worker = null
let relay = null
const database = new pg.Client({ connectionString: DATABASE_URL })
await database.connect()

const browser = new Browser()
const email = `cluster-${Date.now()}@example.cd`
let user
let organization

await scenario(
  'a session opened on one process works on the other (sessions in Redis)',
  async () => {
    const signUp = await browser.request(first, 'POST', '/api/v1/auth/sign-up', {
      fullName: 'Amani Kabila',
      email,
      password: 'motdepasse-solide',
    })
    assert(signUp.status === 201, `sign-up: ${signUp.status}`)
    user = signUp.body.user
    const me = await browser.request(second, 'GET', '/api/v1/auth/me')
    assert(
      me.status === 200 && me.body.user.id === user.id,
      `me on the other process: ${me.status}`
    )
    const created = await browser.request(second, 'POST', '/api/v1/orgs', {
      name: 'Boulangerie du Fleuve',
      defaultCurrency: 'CDF',
      locale: 'fr',
    })
    assert(
      created.status === 201,
      `a write (CSRF from the session) on the other process: ${created.status}`
    )
    organization = created.body.organization
    const rows = await database.query('SELECT count(*)::int AS total FROM sessions')
    assert(rows.rows[0].total === 0, 'no session row in PostgreSQL: the Redis store holds them')
  }
)

await scenario(
  'a role lowered, a token revoked or an account disabled through one process applies to the next request on the other (access cache)',
  async () => {
    // A second member with a token, whose membership and token each process has read (hence keeps in memory).
    const colleague = new Browser()
    const colleagueEmail = `colleague-${Date.now()}@example.cd`
    const signUp = await colleague.request(first, 'POST', '/api/v1/auth/sign-up', {
      fullName: 'Mbuyi Tshala',
      email: colleagueEmail,
      password: 'motdepasse-solide',
    })
    assert(signUp.status === 201, `sign-up: ${signUp.status}`)
    const { rows } = await database.query(
      `INSERT INTO platform.memberships (organization_id, user_id, role, created_at, updated_at) VALUES ($1, $2, 'admin', now(), now()) RETURNING id`,
      [organization.id, signUp.body.user.id]
    )
    const memberPath = `/api/v1/orgs/${organization.id}/members/${rows[0].id}`
    const created = await colleague.request(second, 'POST', '/api/v1/auth/tokens', { name: 'CLI' })
    assert(created.status === 201, `token: ${created.status}`)
    const token = created.body.token
    const withToken = async (server, path) =>
      (
        await fetch(`${server.baseUrl}${path}`, {
          headers: { accept: 'application/json', authorization: `Bearer ${token.value}` },
        })
      ).status
    const auditLog = `/api/v1/orgs/${organization.id}/audit-log`
    for (const server of [first, second])
      assert(
        (await withToken(server, auditLog)) === 200,
        `an admin reads the audit log on ${server.baseUrl}`
      )

    for (const [writer, reader, role, status] of [
      [first, second, 'member', 403],
      [second, first, 'admin', 200],
    ]) {
      const changed = await browser.request(writer, 'PATCH', memberPath, { role })
      assert(changed.status === 200, `role ${role} through ${writer.baseUrl}: ${changed.status}`)
      assert(
        (await withToken(reader, auditLog)) === status,
        `the next request on ${reader.baseUrl} as ${role}: not ${status}`
      )
    }

    const revoked = await colleague.request(first, 'DELETE', `/api/v1/auth/tokens/${token.id}`)
    assert(revoked.status === 204, `revoke: ${revoked.status}`)
    assert(
      (await withToken(second, '/api/v1/auth/me')) === 401,
      'the revoked token still works on the other process'
    )

    // A command is a third process: what it changes reaches both web processes.
    assert(
      (await colleague.request(second, 'GET', '/api/v1/auth/me')).status === 200,
      'the colleague is signed in'
    )
    // Not spawnSync: a blocked event loop would miss the servers closing idle keep-alive sockets, then reuse one.
    const disabled = await execFileAsync(
      process.execPath,
      ['ace.js', 'users:disable', colleagueEmail],
      { cwd: BACKEND, env: baseEnv }
    ).catch((error) => error)
    assert(!(disabled instanceof Error), `users:disable: ${disabled.stderr}`)
    for (const server of [first, second]) {
      assert(
        (await colleague.request(server, 'GET', '/api/v1/auth/me')).status === 401,
        `the disabled account is still served on ${server.baseUrl}`
      )
    }
  }
)

await scenario(
  'a subscription sent to the other process reaches the stream, and an event published there arrives',
  async () => {
    const uid = randomUUID()
    const stream = await browser.openStream(first, uid)
    try {
      const subscribed = await browser.request(second, 'POST', '/__transmit/subscribe', {
        uid,
        channel: `users/${user.id}/notifications`,
      })
      assert(
        subscribed.status === 204,
        `subscribe relayed by the other process: ${subscribed.status}`
      )
      const refused = await browser.request(second, 'POST', '/__transmit/subscribe', {
        uid,
        channel: `users/${randomUUID()}/notifications`,
      })
      assert(refused.status === 403, `someone else's channel is refused: ${refused.status}`)
      const foreignOrg = await browser.request(first, 'POST', '/__transmit/subscribe', {
        uid,
        channel: `orgs/${randomUUID()}/jobs`,
      })
      assert(
        foreignOrg.status === 403,
        `another organisation's channel is refused: ${foreignOrg.status}`
      )

      const { rows } = await database.query(
        `INSERT INTO platform.notifications (user_id, title, body, level, created_at)
       VALUES ($1, '{"fr":"Import terminé","en":"Import finished"}', '{"fr":"1000 contacts","en":"1000 contacts"}', 'success', now())
       RETURNING id`,
        [user.id]
      )
      const read = await browser.request(
        second,
        'POST',
        `/api/v1/auth/notifications/${rows[0].id}/read`
      )
      assert(read.status === 204, `mark read on the other process: ${read.status}`)
      const frame = await stream.next()
      assert(frame.channel === `users/${user.id}/notifications`, `channel: ${frame.channel}`)
      assert(
        frame.payload.type === 'read' &&
          frame.payload.ids[0] === rows[0].id &&
          frame.payload.unread === 0,
        JSON.stringify(frame.payload)
      )
    } finally {
      await stream.close()
    }
  }
)

await scenario('an event published by either process reaches streams held by both', async () => {
  const uids = [randomUUID(), randomUUID()]
  const streams = [
    await browser.openStream(first, uids[0]),
    await browser.openStream(second, uids[1]),
  ]
  try {
    for (const [index, server] of [second, first].entries()) {
      const subscribed = await browser.request(server, 'POST', '/__transmit/subscribe', {
        uid: uids[index],
        channel: `users/${user.id}/notifications`,
      })
      assert(subscribed.status === 204, `subscribe: ${subscribed.status}`)
    }
    for (const publisher of [first, second]) {
      const { rows } = await database.query(
        `INSERT INTO platform.notifications (user_id, organization_id, title, body, level, created_at)
         VALUES ($1, $2, '{"fr":"T","en":"T"}', '{"fr":"C","en":"B"}', 'info', now()) RETURNING id`,
        [user.id, organization.id]
      )
      const readAll = await browser.request(
        publisher,
        'POST',
        '/api/v1/auth/notifications/read-all'
      )
      assert(readAll.status === 204, `read-all: ${readAll.status}`)
      for (const stream of streams) {
        const frame = await stream.next()
        assert(
          frame.payload.type === 'read' && frame.payload.ids.includes(rows[0].id),
          `published by ${publisher.baseUrl}: ${JSON.stringify(frame)}`
        )
      }
    }
  } finally {
    await Promise.all(streams.map((stream) => stream.close()))
  }
})

await scenario(
  'a subscription sent to a process for a stream that no process holds is refused, not reported done',
  async () => {
    const refused = await browser.request(second, 'POST', '/__transmit/subscribe', {
      uid: randomUUID(),
      channel: `users/${user.id}/notifications`,
    })
    assert(
      refused.status === 404 && refused.body.errors[0].code === 'E_STREAM_NOT_FOUND',
      `relayed to nobody: ${refused.status}`
    )
  }
)

const JOBS_CHANNEL = () => `users/${user.id}/jobs`

/** Invites someone through `server`: the invitation mail is a job (`platform.send_mail`) of the inviting user. */
async function invite(server) {
  const invitee = `invitee-${randomUUID()}@example.cd`
  const response = await browser.request(
    server,
    'POST',
    `/api/v1/orgs/${organization.id}/invitations`,
    { email: invitee, role: 'member' }
  )
  assert(response.status === 201, `invitation through ${server.baseUrl}: ${response.status}`)
  return invitee
}

/** The `queued` frame that dispatching through a web process publishes, for the job row it names. */
async function queuedFrame(stream) {
  const frame = await stream.next()
  assert(
    frame.channel === JOBS_CHANNEL() && frame.payload.status === 'queued',
    `first frame: ${JSON.stringify(frame)}`
  )
  assert(
    frame.payload.name === 'platform.send_mail' && frame.payload.organizationId === organization.id,
    JSON.stringify(frame.payload)
  )
  const { rows } = await database.query(
    'SELECT name, organization_id FROM platform.jobs WHERE id = $1',
    [frame.payload.jobId]
  )
  assert(
    rows[0]?.name === 'platform.send_mail' && rows[0].organization_id === organization.id,
    `the job row of ${frame.payload.jobId}`
  )
  return frame.payload
}

/** Asserts that nothing arrives on `stream` for `ms` (no process has run the job). */
async function nothingFor(stream, ms, why) {
  await stream.next(ms).then(
    (frame) => {
      throw new Error(`${why}, yet: ${JSON.stringify(frame)}`)
    },
    () => undefined
  )
}

/** Frames of the job `jobId` until it completes or fails: each on the organisation's channel, none of another job. */
async function framesUntilDone(stream, jobId) {
  const payloads = []
  for (;;) {
    const frame = await stream.next(30000)
    assert(
      frame.channel === JOBS_CHANNEL() && frame.payload.jobId === jobId,
      `while waiting for ${jobId}: ${JSON.stringify(frame)}`
    )
    payloads.push(frame.payload)
    if (frame.payload.status === 'completed' || frame.payload.status === 'failed') return payloads
  }
}

/**
 * queued, running (0 %), any progress (running, percent never going back), completed (100 %), in this
 * order, never an internal error. No platform job reports intermediate progress yet, so the
 * `platform.send_mail` job used here sends none; the contacts import will.
 */
function assertLifecycle(payloads) {
  const statuses = payloads.map((payload) => payload.status)
  assert(
    statuses.length >= 3 &&
      statuses[0] === 'queued' &&
      statuses[1] === 'running' &&
      statuses.at(-1) === 'completed',
    `frames: ${statuses.join(', ')}`
  )
  assert(
    statuses.slice(1, -1).every((status) => status === 'running'),
    `frames: ${statuses.join(', ')}`
  )
  const percents = payloads.slice(1).map((payload) => payload.percent)
  assert(
    percents[0] === 0 &&
      percents.at(-1) === 100 &&
      percents.every((percent, index) => index === 0 || percent >= percents[index - 1]),
    `percents: ${percents}`
  )
  assert(
    payloads.every((payload) => !('error' in payload)),
    'an internal error reached the browser'
  )
}

/** Whether the mail to `address` was written to `$DATA_DIR/mails` (no SMTP_HOST): what the job did. */
function mailedTo(address) {
  const mails = join(DATA_DIR, 'mails')
  try {
    return readdirSync(mails).some((file) =>
      readFileSync(join(mails, file), 'utf8').includes(address)
    )
  } catch {
    return false
  }
}

/**
 * The browser's stream is held by the second web process; it subscribes through the first (relayed
 * and confirmed); the job is dispatched through the first. Nothing runs it until `startRunner()`
 * (no web process runs jobs); then, with the runner up, a second job goes the way of production.
 */
async function jobReachesTheOtherProcess(startRunner) {
  const uid = randomUUID()
  const stream = await browser.openStream(second, uid)
  try {
    const subscribed = await browser.request(first, 'POST', '/__transmit/subscribe', {
      uid,
      channel: JOBS_CHANNEL(),
    })
    assert(
      subscribed.status === 204,
      `subscribe relayed to the process holding the stream: ${subscribed.status}`
    )

    const invitee = await invite(first)
    const queued = await queuedFrame(stream)
    await nothingFor(stream, 1500, 'no worker runs yet')
    const { rows: waiting } = await database.query(
      'SELECT status FROM platform.jobs WHERE id = $1',
      [queued.jobId]
    )
    assert(waiting[0].status === 'queued', `before the worker: ${waiting[0].status}`)
    await startRunner()
    assertLifecycle([queued, ...(await framesUntilDone(stream, queued.jobId))])
    assert(mailedTo(invitee), 'the worker sent the invitation mail')

    const nextInvitee = await invite(first)
    const nextQueued = await queuedFrame(stream)
    assertLifecycle([nextQueued, ...(await framesUntilDone(stream, nextQueued.jobId))])
    assert(mailedTo(nextInvitee), 'the worker sent the second invitation mail')
    const { rows } = await database.query(
      'SELECT status, percent FROM platform.jobs WHERE id = ANY($1)',
      [[queued.jobId, nextQueued.jobId]]
    )
    assert(
      rows.length === 2 && rows.every((row) => row.status === 'completed' && row.percent === 100),
      JSON.stringify(rows)
    )
  } finally {
    await stream.close()
  }
}

await scenario(
  'a job dispatched through one process and run by a separate worker (outbox in PostgreSQL) reports to a browser on the other',
  async () => {
    await jobReachesTheOtherProcess(async () => {
      worker = await startWorker(baseEnv)
    })
  }
)

await scenario(
  'the web processes and the worker stop cleanly on SIGTERM (Redis connections closed)',
  async () => {
    const processes = [first, second, worker].filter(Boolean)
    worker = null
    await stopAll(processes)
  }
)

let brokerUp = false
await scenario(
  'with RabbitMQ: both web processes restart, the session survives in Redis, the worker consumes',
  async () => {
    ;[first, second] = await Promise.all(PORTS.map((port) => startWeb(port, brokerEnv)))
    const ready = await fetch(`${first.baseUrl}/health/ready`).then((response) => response.json())
    assert(
      ready.checks.some((check) => check.name === 'rabbitmq' && check.ok),
      `readiness: ${JSON.stringify(ready)}`
    )
    const me = await browser.request(second, 'GET', '/api/v1/auth/me')
    assert(me.status === 200 && me.body.user.id === user.id, `me after the restart: ${me.status}`)
    worker = await startWorker(brokerEnv)
    brokerUp = true
  }
)

if (brokerUp) {
  await scenario(
    'with RabbitMQ: a job dispatched through one process, published by jobs:relay and run by jobs:work, reports to a browser on the other',
    async () => {
      await jobReachesTheOtherProcess(async () => {
        relay = await startRelay(brokerEnv)
      })
    }
  )
}

await database.end()
await scenario(
  'every process stops cleanly on SIGTERM (broker and Redis connections closed)',
  async () => {
    const processes = [first, second, relay, worker].filter(Boolean)
    relay = worker = null
    await stopAll(processes)
  }
)

await removeTopology().catch((error) =>
  console.log(`  (RabbitMQ queues under ${RABBITMQ_PREFIX} not deleted: ${error.message})`)
)

const failed = results.filter((result) => !result.ok).length
console.log(`\n${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
