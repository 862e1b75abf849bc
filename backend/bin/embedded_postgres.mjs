#!/usr/bin/env node
/*
 * The embedded PostgreSQL: PGlite served over the Postgres protocol, for `npm start` without
 * DATABASE_URL and for the PGlite test runs. Usage: node bin/embedded_postgres.mjs <data dir> <port>
 *
 * PGlite is one database session shared by every connection. pglite-socket's own server queues each
 * protocol message on its own, so between one connection's Parse and its Sync another connection's
 * messages may run and replace its unnamed statement or portal ("unnamed prepared statement does not
 * exist" under concurrent requests). Here a connection keeps the session from its first message to
 * the end of its cycle (Sync, a simple Query), and to the end of its transaction, as pglite-socket
 * already does for transactions.
 */
import { createServer } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
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
        const index = this.#owner === null ? 0 : this.#waiting.findIndex((entry) => entry.handlerId === this.#owner)
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

const [directory, port] = process.argv.slice(2)
if (!directory || !port) {
  console.error('usage: embedded_postgres.mjs <data directory> <port>')
  process.exit(2)
}

const db = await PGlite.create({ dataDir: directory, extensions: { unaccent, pg_trgm } })
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
server.listen(Number(port), '127.0.0.1', () => console.log(`embedded PostgreSQL (PGlite) on 127.0.0.1:${port}`))

async function stop() {
  for (const handler of handlers) await handler.detach(true)
  server.close()
  await db.close()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
