import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { handlerRegistry } from './registry.ts'
import { deliverEvent, deliverJob, deliveryOf, type OutboxRow } from './delivery.ts'
import { OutboxListener } from './outbox_listener.ts'
import { WakeableSleeps } from './wakeable_sleeps.ts'

/** How an embedded worker runs. */
export type EmbeddedWorkerOptions = {
  /** Outbox rows handled at once by this process. */
  concurrency: number
  /** How often an idle worker looks for rows that became due (retries), besides being woken by NOTIFY. */
  pollMs: number
  /** How long a claimed row is left to this worker before another may take it over. */
  leaseMs: number
}

/**
 * The embedded default: reads the outbox straight from PostgreSQL. Each row is claimed with
 * `FOR UPDATE SKIP LOCKED` and leased; its handlers record what they handled in their own
 * transactions, so a row taken over after a crash has no second effect.
 */
export class EmbeddedWorker {
  readonly #options: EmbeddedWorkerOptions
  readonly #listener = new OutboxListener()
  #loops: Promise<void>[] = []
  #stopping = false
  readonly #sleeps = new WakeableSleeps()

  constructor(options: EmbeddedWorkerOptions) {
    this.#options = options
  }

  async start() {
    await this.#listener.start(() => this.#sleeps.wakeAll())
    this.#loops = Array.from({ length: this.#options.concurrency }, () => this.#loop())
  }

  /** Stops taking rows and waits for the ones in hand to finish. */
  async stop() {
    this.#stopping = true
    this.#sleeps.wakeAll()
    await Promise.all(this.#loops)
    await this.#listener.stop()
  }

  /**
   * Claims one due outbox row and handles it; false when there was none. The claim commits at once
   * and leases the row (another worker skips it until the lease ends, or takes it over if this
   * process dies); the handlers then run in their own transactions, so no transaction stays open
   * while another connection is used (the embedded PGlite serves one transaction at a time).
   */
  async runOnce(): Promise<boolean> {
    const row = await db.transaction(async (trx) => {
      const result = await trx.rawQuery(
        `SELECT id, message_id, kind, name, payload, organization_id, user_id, consumer, attempt, occurred_at
         FROM platform.outbox WHERE published_at IS NULL AND available_at <= clock_timestamp()
         ORDER BY available_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED`
      )
      const claimed: OutboxRow | undefined = result.rows[0]
      if (claimed) {
        await trx.rawQuery(
          `UPDATE platform.outbox SET available_at = clock_timestamp() + (? * interval '1 millisecond') WHERE id = ?`,
          [this.#options.leaseMs, claimed.id]
        )
      }
      return claimed
    })
    if (!row) return false
    const delivery = deliveryOf(row)
    if (row.kind === 'job') {
      const { announce } = await deliverJob(delivery)
      announce()
    } else {
      const consumers = row.consumer
        ? [handlerRegistry.consumer(row.name, row.consumer)].filter((entry) => entry !== undefined)
        : handlerRegistry.consumers(row.name)
      for (const consumer of consumers) await deliverEvent(delivery, consumer)
    }
    await db.from('platform.outbox').where('id', row.id).update({ published_at: new Date() })
    return true
  }

  async #loop() {
    while (!this.#stopping) {
      let claimed = false
      try {
        claimed = await this.runOnce()
      } catch (error) {
        logger.error({ err: error }, 'embedded worker: could not handle an outbox row')
      }
      if (!claimed && !this.#stopping) await this.#sleeps.sleep(this.#options.pollMs)
    }
  }
}
