#!/usr/bin/env node
/*
 * The embedded PostgreSQL: PGlite served over the Postgres protocol, for `npm start` without
 * DATABASE_URL and for the PGlite test runs. Usage: node bin/embedded_postgres.mjs <data dir> [port]
 *
 * One server per data directory: `<data dir>.lock` holds the pid of the server using it, and a
 * second server on the same directory exits with code 3 and says which process holds it (a lock
 * whose process is gone is taken over). Without a port (or with 0) the system picks a free one.
 * Once it accepts connections the server prints one line, `{"port":N,"instanceId":"..."}`: the
 * instance id is random per start and every connection can read it back as the setting
 * `ia.embedded_instance`, so the app checks that it talks to the server it started.
 *
 * PGlite is one database session shared by every connection. pglite-socket's own server queues each
 * protocol message on its own, so between one connection's Parse and its Sync another connection's
 * messages may run and replace its unnamed statement or portal ("unnamed prepared statement does not
 * exist" under concurrent requests). Here a connection keeps the session from its first message to
 * the end of its cycle (Sync, a simple Query), and to the end of its transaction, as pglite-socket
 * already does for transactions.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket'

const MAX_CONNECTIONS = 8

/** Frontend messages after which the session may serve another connection (outside a transaction). */
const CYCLE_ENDS = new Set([
  0x00, // the startup message (its first byte is the high byte of its length)
  0x51, // Q: simple query
  0x53, // S: Sync, the end of an extended-protocol cycle
  0x58, // X: Terminate
  0x70, // p: password
  0x63, // c: CopyDone
  0x66, // f: CopyFail
])
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4])

/** Runs the connections' messages one at a time, a whole cycle of one connection before the next. */
class CycleQueue {
  /** Messages waiting, in arrival order. */
  #waiting = []
  /** The connection whose cycle or transaction is under way, which alone may run now. */
  #owner = null
  #running = false

  constructor(db) {
    this.db = db
  }

  enqueue(handlerId, message, onData) {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ handlerId, message, onData, resolve, reject })
      this.#run()
    })
  }

  async #run() {
    if (this.#running) return
    this.#running = true
    try {
      while (true) {
        const index =
          this.#owner === null
            ? 0
            : this.#waiting.findIndex((entry) => entry.handlerId === this.#owner)
        // The owner's next message has not arrived yet: everyone else waits for it.
        if (index === -1 || !this.#waiting.length) return
        const [entry] = this.#waiting.splice(index, 1)
        let bytes = 0
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(entry.message, {
              onRawData: (data) => {
                bytes += data.length
                entry.onData(data)
              },
            })
          )
        } catch (error) {
          entry.reject(error)
          continue
        }
        const cycleEnded = CYCLE_ENDS.has(entry.message[0])
        this.#owner = cycleEnded && !this.db.isInTransaction() ? null : entry.handlerId
        entry.resolve(bytes)
      }
    } finally {
      this.#running = false
    }
  }

  getQueueLength() {
    return this.#waiting.length
  }

  clearQueueForHandler(handlerId) {
    this.#waiting = this.#waiting.filter((entry) => {
      if (entry.handlerId !== handlerId) return true
      entry.reject(new Error('Handler disconnected'))
      return false
    })
  }

  /** A connection that left in the middle of its cycle or transaction gives the session back clean. */
  async clearTransactionIfNeeded(handlerId) {
    if (this.#owner !== handlerId) return
    await this.db.runExclusive(async () => {
      await this.db.execProtocolRaw(SYNC)
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK')
    })
    this.#owner = null
    this.#run()
  }
}

/** Exit code of a server refused because another one uses its data directory. */
const DIRECTORY_IN_USE = 3

/** Whether `pid` is a running embedded PostgreSQL server (not a process that reused a dead one's pid). */
function isEmbeddedServer(pid) {
  try {
    process.kill(pid, 0)
  } catch (error) {
    if (error.code !== 'EPERM') return false
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('embedded_postgres')
  } catch {
    // No /proc (not Linux): a live pid is taken as the owner.
    return true
  }
}

function sleep(milliseconds) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds)
}

/** The lock's content, read twice a moment apart when the first read finds it half-written. */
function readLock(lockFile) {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return JSON.parse(readFileSync(lockFile, 'utf8'))
    } catch (error) {
      if (error.code === 'ENOENT') return null
      sleep(100)
    }
  }
  return null
}

/** Takes the directory's lock file, or exits saying which running server holds it. */
function lockDirectory(lockFile) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(lockFile, JSON.stringify({ pid: process.pid }), { flag: 'wx' })
      // Two servers taking over the same stale lock at once: the one whose file was replaced yields.
      sleep(100)
      if (readLock(lockFile)?.pid === process.pid) return
      continue
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
    }
    const holder = readLock(lockFile)
    if (holder?.pid && isEmbeddedServer(holder.pid)) {
      console.error(
        `The embedded PostgreSQL data directory ${directory} is already used by another running instance ` +
          `(process ${holder.pid}${holder.port ? `, port ${holder.port}` : ''}). Stop that instance, or start this one ` +
          `with another DATA_DIR.`
      )
      process.exit(DIRECTORY_IN_USE)
    }
    console.error(
      `embedded PostgreSQL: taking over the stale lock ${lockFile}${holder?.pid ? ` of process ${holder.pid}` : ''}`
    )
    rmSync(lockFile, { force: true })
  }
  console.error(`embedded PostgreSQL: could not take the lock ${lockFile}`)
  process.exit(DIRECTORY_IN_USE)
}

const [directory, requestedPort = '0'] = process.argv.slice(2)
if (!directory || !/^\d+$/.test(requestedPort)) {
  console.error('usage: embedded_postgres.mjs <data directory> [port]')
  process.exit(2)
}
const lockFile = `${directory.replace(/\/+$/, '')}.lock`
lockDirectory(lockFile)

const instanceId = randomUUID()
const db = await PGlite.create({
  dataDir: directory,
  extensions: { unaccent, pg_trgm, fuzzystrmatch },
})
// PGlite is one session that every connection shares: a session setting made here is what each of them reads.
await db.query(`SELECT set_config('ia.embedded_instance', $1, false)`, [instanceId])
const queue = new CycleQueue(db)
const handlers = new Set()
const server = createServer(async (socket) => {
  if (handlers.size >= MAX_CONNECTIONS) {
    socket.end()
    return
  }
  const handler = new PGLiteSocketHandler({ queryQueue: queue, closeOnDetach: true })
  handlers.add(handler)
  socket.once('close', () => handlers.delete(handler))
  await handler.attach(socket)
})
server.maxConnections = MAX_CONNECTIONS
server.once('error', async (error) => {
  console.error(
    `embedded PostgreSQL could not listen on 127.0.0.1:${requestedPort}: ${error.message}`
  )
  await db.close()
  rmSync(lockFile, { force: true })
  process.exit(1)
})
server.listen(Number(requestedPort), '127.0.0.1', () => {
  const { port } = server.address()
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port, instanceId }))
  console.log(JSON.stringify({ port, instanceId }))
})

async function stop() {
  for (const handler of handlers) await handler.detach(true)
  server.close()
  await db.close()
  if (readLock(lockFile)?.pid === process.pid) rmSync(lockFile, { force: true })
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
