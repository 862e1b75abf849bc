/*
 * The embedded PostgreSQL: PGlite served over the Postgres protocol (backend/bin/embedded_postgres.mjs,
 * on @electric-sql/pglite-socket), with the extensions the modules use, one server per data directory
 * on a port chosen at start. Shared by `npm start`, `npm test` and the e2e scripts.
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createConnection } from 'node:net'
import { createInterface } from 'node:readline'
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

/** Exit code of the embedded server when another running instance uses its data directory. */
export const DIRECTORY_IN_USE = 3

/**
 * Starts PGlite with its data in `directory`, served on `port` (0: a free port the system picks);
 * answers its URL, the port, the instance id the server reports (see bin/embedded_postgres.mjs) and
 * the process. Rejects when the server stops first, e.g. because another instance uses `directory`.
 */
export async function startEmbeddedPostgres(directory, port = 0, node = process.execPath) {
  mkdirSync(directory, { recursive: true })
  const server = spawn(
    node,
    [join(BACKEND, 'bin', 'embedded_postgres.mjs'), directory, String(port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: BACKEND,
    }
  )
  const lines = createInterface({ input: server.stdout })
  try {
    const ready = await new Promise((resolveReady, rejectReady) => {
      const timer = setTimeout(
        () =>
          rejectReady(new Error(`embedded PostgreSQL did not start within 60 s (${directory})`)),
        60_000
      )
      lines.once('line', (line) => {
        clearTimeout(timer)
        resolveReady(JSON.parse(line))
      })
      server.once('exit', (code) => {
        clearTimeout(timer)
        const reason =
          code === DIRECTORY_IN_USE
            ? 'its data directory is used by another running instance'
            : `it exited with code ${code}`
        rejectReady(
          Object.assign(new Error(`embedded PostgreSQL did not start: ${reason} (${directory})`), {
            exitCode: code,
          })
        )
      })
    })
    return {
      url: `postgres://postgres:postgres@127.0.0.1:${ready.port}/postgres`,
      port: ready.port,
      instanceId: ready.instanceId,
      server,
    }
  } catch (error) {
    server.kill()
    throw error
  } finally {
    // Later output (none is expected) must not fill the pipe and block the server.
    lines.close()
    server.stdout.resume()
  }
}
