import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { OUTBOX_CHANNEL } from './outbox.ts'

type PgConnection = {
  query(sql: string): Promise<unknown>
  on(event: 'notification', listener: () => void): void
  removeAllListeners(event: string): void
}

type KnexClient = {
  acquireConnection(): Promise<PgConnection>
  releaseConnection(connection: PgConnection): Promise<void>
}

/**
 * Holds one pooled connection that LISTENs for committed outbox rows, so idle workers and relays
 * wake within milliseconds instead of waiting for their next poll. Without it (a server that does
 * not deliver notifications), polling alone still finds every row.
 */
export class OutboxListener {
  #held: { connection: PgConnection; pool: KnexClient } | null = null

  async start(onRow: () => void) {
    const pool = db.connection().getWriteClient().client as unknown as KnexClient
    try {
      const connection = await pool.acquireConnection()
      await connection.query(`LISTEN ${OUTBOX_CHANNEL}`)
      connection.on('notification', onRow)
      this.#held = { connection, pool }
    } catch (error) {
      logger.warn({ err: error }, 'outbox: LISTEN unavailable, polling only')
    }
  }

  async stop() {
    const held = this.#held
    if (!held) return
    this.#held = null
    held.connection.removeAllListeners('notification')
    await held.connection.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined)
    // Back to the pool it came from: looked up again, it could be another one (a transaction's, in tests)
    // and the same connection would then sit twice in one pool, handed to two users at once.
    await held.pool.releaseConnection(held.connection)
  }
}
