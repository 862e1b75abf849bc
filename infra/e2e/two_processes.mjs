#!/usr/bin/env node
/*
 * Two app processes sharing PostgreSQL and Redis, as behind infra/nginx/ia-solution.conf: a session
 * opened on one works on the other, a live subscription sent to the other reaches the stream held
 * by the first, and a server-sent event published by either reaches browsers connected to both.
 * Run with Node 24 from the repository root; PostgreSQL on 5432 and Redis on 6379 must be up.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BACKEND = join(ROOT, 'backend')
const pg = createRequire(join(BACKEND, 'package.json'))('pg')
const DATABASE = process.env.CLUSTER_DATABASE ?? 'ia_cluster'
const PORTS = [Number(process.env.CLUSTER_PORT ?? 3381), Number(process.env.CLUSTER_PORT ?? 3381) + 1]
const REDIS_URL = process.env.CLUSTER_REDIS_URL ?? 'redis://127.0.0.1:6379/6'
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DATABASE}`

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

const baseEnv = {
  ...process.env,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  APP_KEY: 'cluster-test-app-key-0123456789abcdef',
  LOG_LEVEL: 'warn',
  DATABASE_URL,
  REDIS_URL,
  DATA_DIR: mkdtempSync(join(tmpdir(), 'ia-cluster-')),
}

/** Starts one backend process on `port`; resolves once it is ready. */
async function startProcess(port) {
  const env = { ...baseEnv, PORT: String(port), APP_URL: `http://localhost:${port}` }
  const child = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], { cwd: BACKEND, env, stdio: 'inherit' })
  const baseUrl = `http://127.0.0.1:${port}`
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })))
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).ok) {
        return {
          baseUrl,
          async stop() {
            child.kill('SIGTERM')
            const timeout = new Promise((r) => setTimeout(() => r('timeout'), 10000))
            return Promise.race([exited, timeout])
          },
        }
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGKILL')
  throw new Error(`the app on port ${port} did not start`)
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
    if (method !== 'GET' && !this.cookies.has('XSRF-TOKEN')) await this.request(server, 'GET', '/api/v1/auth/csrf')
    const headers = this.headers(json === undefined ? {} : { 'content-type': 'application/json' })
    if (method !== 'GET') headers['x-xsrf-token'] = decodeURIComponent(this.cookies.get('XSRF-TOKEN'))
    const response = await fetch(`${server.baseUrl}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
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
          const timer = setTimeout(() => reject(new Error(`no event on ${server.baseUrl} within ${timeoutMs} ms`)), timeoutMs)
          waiting.push((frame) => {
            clearTimeout(timer)
            resolveFrame(frame)
          })
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
  env: { ...baseEnv, PORT: String(PORTS[0]), APP_URL: `http://localhost:${PORTS[0]}` },
  stdio: 'inherit',
})
if (migrated.status !== 0) throw new Error('migrations failed')
const [first, second] = await Promise.all(PORTS.map(startProcess))
const database = new pg.Client({ connectionString: DATABASE_URL })
await database.connect()

const browser = new Browser()
const email = `cluster-${Date.now()}@example.cd`
let user
let organization

await scenario('a session opened on one process works on the other (sessions in Redis)', async () => {
  const signUp = await browser.request(first, 'POST', '/api/v1/auth/sign-up', { fullName: 'Amani Kabila', email, password: 'motdepasse-solide' })
  assert(signUp.status === 201, `sign-up: ${signUp.status}`)
  user = signUp.body.user
  const me = await browser.request(second, 'GET', '/api/v1/auth/me')
  assert(me.status === 200 && me.body.user.id === user.id, `me on the other process: ${me.status}`)
  const created = await browser.request(second, 'POST', '/api/v1/orgs', { name: 'Boulangerie du Fleuve', defaultCurrency: 'CDF', locale: 'fr' })
  assert(created.status === 201, `a write (CSRF from the session) on the other process: ${created.status}`)
  organization = created.body.organization
  const rows = await database.query('SELECT count(*)::int AS total FROM sessions')
  assert(rows.rows[0].total === 0, 'no session row in PostgreSQL: the Redis store holds them')
})

await scenario('a subscription sent to the other process reaches the stream, and an event published there arrives', async () => {
  const uid = randomUUID()
  const stream = await browser.openStream(first, uid)
  try {
    const subscribed = await browser.request(second, 'POST', '/__transmit/subscribe', { uid, channel: `users/${user.id}/notifications` })
    assert(subscribed.status === 204, `subscribe relayed by the other process: ${subscribed.status}`)
    const refused = await browser.request(second, 'POST', '/__transmit/subscribe', { uid, channel: `users/${randomUUID()}/notifications` })
    assert(refused.status === 403, `someone else's channel is refused: ${refused.status}`)
    const foreignOrg = await browser.request(first, 'POST', '/__transmit/subscribe', { uid, channel: `orgs/${randomUUID()}/jobs` })
    assert(foreignOrg.status === 403, `another organisation's channel is refused: ${foreignOrg.status}`)

    const { rows } = await database.query(
      `INSERT INTO platform.notifications (user_id, title, body, level, created_at)
       VALUES ($1, '{"fr":"Import terminé","en":"Import finished"}', '{"fr":"1000 contacts","en":"1000 contacts"}', 'success', now())
       RETURNING id`,
      [user.id]
    )
    const read = await browser.request(second, 'POST', `/api/v1/auth/notifications/${rows[0].id}/read`)
    assert(read.status === 204, `mark read on the other process: ${read.status}`)
    const frame = await stream.next()
    assert(frame.channel === `users/${user.id}/notifications`, `channel: ${frame.channel}`)
    assert(frame.payload.type === 'read' && frame.payload.ids[0] === rows[0].id && frame.payload.unread === 0, JSON.stringify(frame.payload))
  } finally {
    await stream.close()
  }
})

await scenario('an event published by either process reaches streams held by both', async () => {
  const uids = [randomUUID(), randomUUID()]
  const streams = [await browser.openStream(first, uids[0]), await browser.openStream(second, uids[1])]
  try {
    for (const [index, server] of [second, first].entries()) {
      const subscribed = await browser.request(server, 'POST', '/__transmit/subscribe', { uid: uids[index], channel: `users/${user.id}/notifications` })
      assert(subscribed.status === 204, `subscribe: ${subscribed.status}`)
    }
    for (const publisher of [first, second]) {
      const { rows } = await database.query(
        `INSERT INTO platform.notifications (user_id, organization_id, title, body, level, created_at)
         VALUES ($1, $2, '{"fr":"T","en":"T"}', '{"fr":"C","en":"B"}', 'info', now()) RETURNING id`,
        [user.id, organization.id]
      )
      const readAll = await browser.request(publisher, 'POST', '/api/v1/auth/notifications/read-all')
      assert(readAll.status === 204, `read-all: ${readAll.status}`)
      for (const stream of streams) {
        const frame = await stream.next()
        assert(frame.payload.type === 'read' && frame.payload.ids.includes(rows[0].id), `published by ${publisher.baseUrl}: ${JSON.stringify(frame)}`)
      }
    }
  } finally {
    await Promise.all(streams.map((stream) => stream.close()))
  }
})

await database.end()
const stopped = await Promise.all([first.stop(), second.stop()])
await scenario('both processes stop cleanly on SIGTERM (Redis connections closed)', async () => {
  for (const outcome of stopped) assert(outcome !== 'timeout', 'a process did not exit within 10 s of SIGTERM')
})

const failed = results.filter((result) => !result.ok).length
console.log(`\n${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
