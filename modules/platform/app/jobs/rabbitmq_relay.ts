import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { backoffDelay, handlerRegistry } from './registry.ts'
import { OutboxListener } from './outbox_listener.ts'
import type { OutboxRow } from './delivery.ts'
import type { RabbitTopology } from './rabbitmq_topology.ts'
import { WakeableSleeps } from './wakeable_sleeps.ts'

/** How the relay runs. */
export type RabbitRelayOptions = {
  url: string
  topology: RabbitTopology
  /** Rows published per confirm round trip. */
  batchSize: number
  /** How often an idle relay looks for rows that became due (retries), besides being woken by NOTIFY. */
  pollMs: number
  /** Shown in the broker's connection list. */
  connectionName: string
}

/** How long to wait for the broker's confirms before giving the batch back to the outbox. */
const CONFIRM_TIMEOUT_MS = 30_000
const RETRY_UNROUTABLE_MS = 5_000
const RECONNECT_MS = [250, 500, 1000, 2000, 5000]

/**
 * A row the broker nacked (a queue refusing messages: full, or without a quorum) is published again
 * after base x 2^n ms, n counting the batches in a row that had nacks; the rows it confirmed are done.
 */
const NACK_BACKOFF_MS = { base: 1000, max: 60_000 }

/**
 * Publishes the outbox to RabbitMQ: rows are locked (SKIP LOCKED, so relays can run side by side),
 * published persistent and `mandatory` on a confirm channel, and marked published in the same
 * transaction only once the broker has confirmed them. A dropped connection rolls the batch back,
 * so it is published again: a message can arrive twice, never zero times. A row the broker nacks is
 * given back to the outbox with a backoff, while the confirmed ones of its batch stay published.
 */
export class RabbitRelay {
  readonly #options: RabbitRelayOptions
  readonly #listener = new OutboxListener()
  #connection: ChannelModel | null = null
  #stopping = false
  #running: Promise<void> | null = null
  readonly #sleeps = new WakeableSleeps()
  /** Messages the broker returned as unroutable in the current batch, by outbox row id. */
  readonly #returned = new Set<string>()
  /** Channels that closed: their pending confirms failed with them, they were not nacks. */
  readonly #closedChannels = new WeakSet<ConfirmChannel>()
  /** Batches in a row in which the broker nacked something. */
  #nackedBatches = 0

  constructor(options: RabbitRelayOptions) {
    this.#options = options
  }

  async start() {
    await this.#listener.start(() => this.#sleeps.wakeAll())
    this.#running = this.#run()
  }

  /** Lets the batch in hand be confirmed and committed, then closes the connection. */
  async stop() {
    this.#stopping = true
    this.#sleeps.wakeAll()
    await this.#running
    await this.#connection?.close().catch(() => undefined)
    this.#connection = null
    await this.#listener.stop()
  }

  async #run() {
    let failures = 0
    while (!this.#stopping) {
      try {
        const channel = await this.#connect()
        failures = 0
        await this.#publishUntilClosed(channel)
      } catch (error) {
        if (this.#stopping) break
        logger.warn({ err: error }, 'outbox relay: broker connection lost, reconnecting')
        await this.#connection?.close().catch(() => undefined)
        this.#connection = null
        await this.#sleeps.sleep(RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)])
      }
    }
  }

  async #connect() {
    const connection = await connect(this.#options.url, {
      clientProperties: { connection_name: this.#options.connectionName },
    })
    this.#connection = connection
    connection.on('error', (error) => logger.warn({ err: error }, 'outbox relay: connection error'))
    const channel = await connection.createConfirmChannel()
    channel.on('error', (error) => logger.warn({ err: error }, 'outbox relay: channel error'))
    channel.on('close', () => this.#closedChannels.add(channel))
    channel.on('return', (message) => {
      const outboxId = message.properties.headers?.['x-outbox-id']
      if (typeof outboxId === 'string') this.#returned.add(outboxId)
    })
    await this.#options.topology.assert(channel)
    return channel
  }

  async #publishUntilClosed(channel: ConfirmChannel) {
    let closed = false
    channel.once('close', () => {
      closed = true
      this.#sleeps.wakeAll()
    })
    while (!this.#stopping) {
      if (closed) throw new Error('channel closed')
      const published = await this.publishBatch(channel)
      if (published === 0) await this.#sleeps.sleep(this.#options.pollMs)
    }
  }

  /** Publishes one batch of due rows; returns how many rows it took. */
  async publishBatch(channel: ConfirmChannel) {
    const topology = this.#options.topology
    return db.transaction(async (trx) => {
      const result = await trx.rawQuery(
        `SELECT id, message_id, kind, name, payload, organization_id, user_id, consumer, attempt, occurred_at
         FROM platform.outbox WHERE published_at IS NULL AND available_at <= clock_timestamp()
         ORDER BY available_at, created_at LIMIT ? FOR UPDATE SKIP LOCKED`,
        [this.#options.batchSize]
      )
      const rows: OutboxRow[] = result.rows
      if (!rows.length) return 0
      this.#returned.clear()
      const confirms: Promise<Error | null>[] = []
      for (const row of rows) {
        const [exchange, routingKey] =
          row.kind === 'job'
            ? [topology.jobsExchange, row.name]
            : row.consumer
              ? ['', topology.consumerQueue(row.consumer)]
              : [topology.eventsExchange, row.name]
        const confirmed = Promise.withResolvers<Error | null>()
        confirms.push(confirmed.promise)
        channel.publish(
          exchange,
          routingKey,
          Buffer.from(JSON.stringify(row.payload)),
          {
            persistent: true,
            mandatory: true,
            messageId: row.message_id,
            type: row.name,
            contentType: 'application/json',
            timestamp: Math.floor(Date.now() / 1000),
            headers: {
              'x-outbox-id': row.id,
              'x-kind': row.kind,
              'x-attempt': row.attempt,
              'x-organization-id': row.organization_id ?? '',
              'x-user-id': row.user_id ?? '',
              'x-consumer': row.consumer ?? '',
              'x-occurred-at': new Date(row.occurred_at).toISOString(),
            },
          },
          (error) => confirmed.resolve(error ?? null)
        )
      }
      const answers = await withTimeout(Promise.all(confirms), CONFIRM_TIMEOUT_MS)
      // A closed channel fails every pending confirm: the broker may have the messages or not, so the whole batch goes again.
      if (this.#closedChannels.has(channel))
        throw new Error('channel closed before the broker confirmed the batch')
      const now = new Date()
      const delivered: string[] = []
      const nacked = rows.filter((_, index) => answers[index] !== null)
      for (const [index, row] of rows.entries()) {
        if (answers[index] !== null) continue
        // A broadcast event nobody subscribes to is returned by design; anything else returned is misrouted.
        const nobodyListens =
          row.kind === 'event' && !row.consumer && handlerRegistry.consumers(row.name).length === 0
        if (!this.#returned.has(row.id) || nobodyListens) {
          delivered.push(row.id)
          continue
        }
        logger.error(
          { outboxId: row.id, name: row.name },
          'outbox relay: the broker returned an unroutable message'
        )
        await trx
          .from('platform.outbox')
          .where('id', row.id)
          .update({
            available_at: new Date(now.getTime() + RETRY_UNROUTABLE_MS),
            last_error: 'unroutable: no queue is bound for it',
          })
      }
      if (nacked.length) {
        const delay = backoffDelay(NACK_BACKOFF_MS.base, ++this.#nackedBatches, NACK_BACKOFF_MS.max)
        logger.warn(
          { nacked: nacked.length, of: rows.length, retryInMs: delay },
          'outbox relay: the broker refused messages, they will be published again'
        )
        await trx
          .from('platform.outbox')
          .whereIn(
            'id',
            nacked.map((row) => row.id)
          )
          .update({
            available_at: new Date(now.getTime() + delay),
            last_error: 'nacked: the broker refused the message',
          })
      } else {
        this.#nackedBatches = 0
      }
      if (delivered.length)
        await trx.from('platform.outbox').whereIn('id', delivered).update({ published_at: now })
      return rows.length
    })
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number) {
  let timer: NodeJS.Timeout
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no publisher confirm within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
