/*
 * The embedded PostgreSQL: PGlite served over the Postgres protocol (backend/bin/embedded_postgres.mjs,
 * on @electric-sql/pglite-socket), with the extensions the modules use. Shared by `npm start`,
 * `npm test` and the e2e scripts.
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createConnection } from 'node:net'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const BACKEND = resolve(fileURLToPath(new URL('../../backend', import.meta.url)))

/** Whether something accepts TCP connections on `port`. */
export function portOpen(port, host = '127.0.0.1') {
  return new Promise((done) => {
    const socket = createConnection({ port, host })
    socket.once('connect', () => {
      socket.end()
      done(true)
    })
    socket.once('error', () => done(false))
  })
}

/** Waits up to `seconds` for `port` to accept connections. */
export async function waitForPort(port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await portOpen(port)) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

/** Starts PGlite with its data in `directory`, served on `port`; returns its URL and process. */
export async function startEmbeddedPostgres(directory, port, node = process.execPath) {
  mkdirSync(directory, { recursive: true })
  const server = spawn(
    node,
    [join(BACKEND, 'bin', 'embedded_postgres.mjs'), directory, String(port)],
    { stdio: ['ignore', 'ignore', 'inherit'], cwd: BACKEND }
  )
  if (!(await waitForPort(port, 60))) {
    server.kill()
    throw new Error(`embedded PostgreSQL did not start on port ${port}`)
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, server }
}
