import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { handlerRegistry } from './registry.ts'
import { deliverEvent, deliverJob, deliveryOf, type OutboxRow } from './delivery.ts'
import { OutboxListener } from './outbox_listener.ts'

/** How an embedded worker runs. */
export type EmbeddedWorkerOptions = {
  /** Outbox rows handled at once by this process. */
  concurrency: number
  /** How often an idle worker looks for rows that became due (retries), besides being woken by NOTIFY. */
  pollMs: number
}

/**
 * The embedded default: reads the outbox straight from PostgreSQL. Each row is claimed with
 * `FOR UPDATE SKIP LOCKED` inside the transaction that runs its handlers and marks it done, so two
 * workers never run the same row, and a worker that dies releases its row for another one.
 */
export class EmbeddedWorker {
  readonly #options: EmbeddedWorkerOptions
  readonly #listener = new OutboxListener()
  #loops: Promise<void>[] = []
  #stopping = false
  #wake: (() => void)[] = []

  constructor(options: EmbeddedWorkerOptions) {
    this.#options = options
  }

  async start() {
    await this.#listener.start(() => this.#wakeAll())
    this.#loops = Array.from({ length: this.#options.concurrency }, () => this.#loop())
  }

  /** Stops taking rows and waits for the ones in hand to finish. */
  async stop() {
    this.#stopping = true
    this.#wakeAll()
    await Promise.all(this.#loops)
    await this.#listener.stop()
  }

  /** Claims one due outbox row and handles it; false when there was none. */
  async runOnce(): Promise<boolean> {
    const announcements: (() => void)[] = []
    const claimed = await db.transaction(async (trx) => {
      const result = await trx.rawQuery(
        `SELECT id, message_id, kind, name, payload, organization_id, user_id, consumer, attempt, occurred_at
         FROM platform.outbox WHERE published_at IS NULL AND available_at <= clock_timestamp()
         ORDER BY available_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED`
      )
      const row: OutboxRow | undefined = result.rows[0]
      if (!row) return false
      const delivery = deliveryOf(row)
      if (row.kind === 'job') {
        const { announce } = await deliverJob(delivery, trx)
        announcements.push(announce)
      } else {
        const consumers = row.consumer
          ? [handlerRegistry.consumer(row.name, row.consumer)].filter((entry) => entry !== undefined)
          : handlerRegistry.consumers(row.name)
        for (const consumer of consumers) await deliverEvent(delivery, consumer, trx)
      }
      await trx.from('platform.outbox').where('id', row.id).update({ published_at: new Date() })
      return true
    })
    for (const announce of announcements) announce()
    return claimed
  }

  async #loop() {
    while (!this.#stopping) {
      let claimed = false
      try {
        claimed = await this.runOnce()
      } catch (error) {
        logger.error({ err: error }, 'embedded worker: could not handle an outbox row')
      }
      if (!claimed && !this.#stopping) await this.#idle()
    }
  }

  #idle() {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.#options.pollMs)
      const wake = () => done()
      this.#wake.push(wake)
      const self = this
      function done() {
        clearTimeout(timer)
        self.#wake = self.#wake.filter((entry) => entry !== wake)
        resolve()
      }
    })
  }

  #wakeAll() {
    for (const wake of [...this.#wake]) wake()
  }
}
