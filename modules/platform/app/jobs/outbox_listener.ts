import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { OUTBOX_CHANNEL } from './outbox.ts'

type PgConnection = {
  query(sql: string): Promise<unknown>
  on(event: 'notification', listener: () => void): void
  removeAllListeners(event: string): void
}

/**
 * Holds one pooled connection that LISTENs for committed outbox rows, so idle workers and relays
 * wake within milliseconds instead of waiting for their next poll. Without it (a server that does
 * not deliver notifications), polling alone still finds every row.
 */
export class OutboxListener {
  #connection: PgConnection | null = null

  async start(onRow: () => void) {
    const knexClient = db.connection().getWriteClient().client as unknown as {
      acquireConnection(): Promise<PgConnection>
      releaseConnection(connection: PgConnection): Promise<void>
    }
    try {
      const connection = await knexClient.acquireConnection()
      await connection.query(`LISTEN ${OUTBOX_CHANNEL}`)
      connection.on('notification', onRow)
      this.#connection = connection
    } catch (error) {
      logger.warn({ err: error }, 'outbox: LISTEN unavailable, polling only')
    }
  }

  async stop() {
    const connection = this.#connection
    if (!connection) return
    this.#connection = null
    connection.removeAllListeners('notification')
    const knexClient = db.connection().getWriteClient().client as unknown as { releaseConnection(connection: PgConnection): Promise<void> }
    await connection.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined)
    await knexClient.releaseConnection(connection)
  }
}
