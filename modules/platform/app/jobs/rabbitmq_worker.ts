import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib'
import logger from '@adonisjs/core/services/logger'
import { handlerRegistry } from './registry.ts'
import { deliverEvent, deliverJob, type Delivery, type Outcome } from './delivery.ts'
import type { RabbitTopology } from './rabbitmq_topology.ts'

/** How a RabbitMQ worker runs. */
export type RabbitWorkerOptions = {
  url: string
  topology: RabbitTopology
  /** Unacknowledged messages this process holds at once. */
  prefetch: number
  /** Shown in the broker's connection list. */
  connectionName: string
}

const RECONNECT_MS = [250, 500, 1000, 2000, 5000]

function header(message: ConsumeMessage, name: string) {
  const value = message.properties.headers?.[name]
  return value === undefined || value === null || value === '' ? null : value
}

/** The delivery a broker message carries. */
function deliveryOf(message: ConsumeMessage): Delivery {
  return {
    outboxId: String(header(message, 'x-outbox-id')),
    messageId: String(message.properties.messageId),
    kind: header(message, 'x-kind') === 'event' ? 'event' : 'job',
    name: String(message.properties.type),
    payload: JSON.parse(message.content.toString('utf8')),
    organizationId: (header(message, 'x-organization-id') as string | null) ?? null,
    userId: (header(message, 'x-user-id') as string | null) ?? null,
    attempt: Number(header(message, 'x-attempt') ?? 1),
    occurredAt: String(header(message, 'x-occurred-at') ?? new Date().toISOString()),
  }
}

/**
 * Consumes the jobs queue and each event consumer's queue. A message is acknowledged only after the
 * handler's transaction committed; an exhausted one is rejected without requeue, which the quorum
 * queue dead-letters; an unexpected failure requeues it, and the queue's delivery limit stops a
 * message that keeps killing workers.
 */
export class RabbitWorker {
  readonly #options: RabbitWorkerOptions
  #connection: ChannelModel | null = null
  #stopping = false
  #running: Promise<void> | null = null
  #closed: (() => void) | null = null
  readonly #inFlight = new Set<Promise<void>>()

  constructor(options: RabbitWorkerOptions) {
    this.#options = options
  }

  async start() {
    this.#running = this.#run()
  }

  /** Stops consuming, lets the messages in hand finish, then closes the connection. */
  async stop() {
    this.#stopping = true
    await Promise.all(this.#inFlight)
    await this.#connection?.close().catch(() => undefined)
    this.#closed?.()
    await this.#running
  }

  async #run() {
    let failures = 0
    while (!this.#stopping) {
      try {
        await this.#consumeUntilClosed()
        failures = 0
      } catch (error) {
        if (this.#stopping) break
        logger.warn({ err: error }, 'jobs worker: broker connection lost, reconnecting')
        await this.#connection?.close().catch(() => undefined)
        this.#connection = null
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)]))
      }
    }
  }

  async #consumeUntilClosed() {
    const { topology } = this.#options
    const connection = await connect(this.#options.url, { clientProperties: { connection_name: this.#options.connectionName } })
    this.#connection = connection
    connection.on('error', (error) => logger.warn({ err: error }, 'jobs worker: connection error'))
    const channel = await connection.createChannel()
    channel.on('error', (error) => logger.warn({ err: error }, 'jobs worker: channel error'))
    const closed = new Promise<void>((resolve) => {
      channel.once('close', resolve)
      this.#closed = resolve
    })
    await channel.prefetch(this.#options.prefetch)
    await topology.assert(channel)
    if (handlerRegistry.jobs().length) {
      await channel.consume(topology.jobsQueue, (message) => this.#track(channel, message, null), { noAck: false })
    }
    const consumers = new Set(handlerRegistry.consumers().map((entry) => entry.consumer))
    for (const consumer of consumers) {
      await channel.consume(topology.consumerQueue(consumer), (message) => this.#track(channel, message, consumer), { noAck: false })
    }
    await closed
    if (!this.#stopping) throw new Error('channel closed')
  }

  #track(channel: Channel, message: ConsumeMessage | null, consumer: string | null) {
    if (!message) return
    const work = this.#handle(channel, message, consumer).finally(() => this.#inFlight.delete(work))
    this.#inFlight.add(work)
  }

  async #handle(channel: Channel, message: ConsumeMessage, consumer: string | null) {
    let outcome: Outcome
    try {
      outcome = await this.#deliver(message, consumer)
    } catch (error) {
      logger.error({ err: error, messageId: message.properties.messageId }, 'jobs worker: delivery failed, requeued')
      safely(() => channel.nack(message, false, true))
      return
    }
    if (outcome === 'dead') safely(() => channel.nack(message, false, false))
    else safely(() => channel.ack(message))
  }

  async #deliver(message: ConsumeMessage, consumer: string | null): Promise<Outcome> {
    let delivery: Delivery
    try {
      delivery = deliveryOf(message)
    } catch {
      return 'dead'
    }
    if (!consumer) {
      const { outcome, announce } = await deliverJob(delivery)
      announce()
      return outcome
    }
    const registered = handlerRegistry.consumer(delivery.name, consumer)
    if (!registered) return 'dead'
    return deliverEvent(delivery, registered)
  }
}

/** Acknowledging on a channel that closed meanwhile fails: the broker redelivers, and idempotency absorbs it. */
function safely(action: () => void) {
  try {
    action()
  } catch (error) {
    logger.warn({ err: error }, 'jobs worker: could not acknowledge (channel closed), the message will be redelivered')
  }
}
