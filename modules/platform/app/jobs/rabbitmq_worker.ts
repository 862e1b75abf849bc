import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib'
import logger from '@adonisjs/core/services/logger'
import { backoffDelay, handlerRegistry } from './registry.ts'
import {
  deliverEvent,
  deliverJob,
  recordDeadLetter,
  type DeadLetter,
  type Delivery,
  type Outcome,
} from './delivery.ts'
import type { RabbitTopology } from './rabbitmq_topology.ts'
import { WakeableSleeps } from './wakeable_sleeps.ts'

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

/**
 * After an unexpected failure (the database unreachable, say) the message is held and tried again
 * after base x 2^n ms, n counting its failed tries, those of its earlier deliveries included (the
 * broker's x-delivery-count): an outage holds every prefetched message, so consumption pauses, and
 * the pauses keep growing instead of spinning.
 */
const UNEXPECTED_BACKOFF_MS = { base: 250, max: 30_000 }

/**
 * Tries of one message in this process before it goes back to the queue, which counts a delivery
 * towards the limit: a short outage never costs a delivery, a failure that lasts still ends up
 * dead-lettered, and so marked failed on the admin page.
 */
const TRIES_BEFORE_REQUEUE = 5

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
 * Consumes the jobs queue, each event consumer's queue and the dead-letter queue. A message is
 * acknowledged only after the handler's transaction committed; an exhausted one is rejected without
 * requeue, which the quorum queue dead-letters; an unexpected failure is tried again after a backoff,
 * then requeued, and the queue's delivery limit stops a message that keeps killing workers. What the
 * broker dead-letters is recorded as failed (the admin page retries it), then acknowledged.
 */
export class RabbitWorker {
  readonly #options: RabbitWorkerOptions
  #connection: ChannelModel | null = null
  #channel: Channel | null = null
  #consumerTags: string[] = []
  #stopping = false
  #running: Promise<void> | null = null
  #closed: (() => void) | null = null
  readonly #inFlight = new Set<Promise<void>>()
  /** Whatever waits (a backoff, a reconnection), woken at once when the worker stops. */
  readonly #pauses = new WakeableSleeps()
  /** Channels that closed: the broker gave their unacknowledged messages back to the queue. */
  readonly #closedChannels = new WeakSet<Channel>()

  constructor(options: RabbitWorkerOptions) {
    this.#options = options
  }

  async start() {
    this.#running = this.#run()
  }

  /**
   * Cancels the consumers first (no more messages arrive, prefetched ones included), lets the
   * messages in hand finish and be acknowledged, then closes the connection.
   */
  async stop() {
    this.#stopping = true
    this.#pauses.wakeAll()
    await this.#cancelConsumers()
    while (this.#inFlight.size) await Promise.allSettled([...this.#inFlight])
    await this.#connection?.close().catch(() => undefined)
    this.#closed?.()
    await this.#running
  }

  async #cancelConsumers() {
    const channel = this.#channel
    const tags = this.#consumerTags
    this.#consumerTags = []
    if (!channel) return
    for (const tag of tags) await channel.cancel(tag).catch(() => undefined)
  }

  async #run() {
    let failures = 0
    while (!this.#stopping) {
      try {
        // Back to the shortest delay once a connection has come up and consumed: the next cut is a new outage.
        await this.#consumeUntilClosed(() => (failures = 0))
      } catch (error) {
        if (this.#stopping) break
        logger.warn({ err: error }, 'jobs worker: broker connection lost, reconnecting')
        await this.#connection?.close().catch(() => undefined)
        this.#connection = null
        this.#channel = null
        this.#consumerTags = []
        await this.#pause(RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)])
      }
    }
  }

  async #consumeUntilClosed(onConsuming: () => void) {
    const { topology } = this.#options
    const connection = await connect(this.#options.url, {
      clientProperties: { connection_name: this.#options.connectionName },
    })
    this.#connection = connection
    connection.on('error', (error) => logger.warn({ err: error }, 'jobs worker: connection error'))
    const channel = await connection.createChannel()
    channel.on('error', (error) => logger.warn({ err: error }, 'jobs worker: channel error'))
    const closed = new Promise<void>((resolve) => {
      channel.once('close', () => {
        this.#closedChannels.add(channel)
        resolve()
      })
      this.#closed = resolve
    })
    await channel.prefetch(this.#options.prefetch)
    await topology.assert(channel)
    this.#channel = channel
    const consume = async (
      queue: string,
      onMessage: (message: ConsumeMessage) => Promise<void>
    ) => {
      const { consumerTag } = await channel.consume(
        queue,
        (message) => message && this.#track(message, onMessage),
        { noAck: false }
      )
      this.#consumerTags.push(consumerTag)
    }
    if (handlerRegistry.jobs().length)
      await consume(topology.jobsQueue, (message) => this.#handle(channel, message, null))
    const consumers = new Set(handlerRegistry.consumers().map((entry) => entry.consumer))
    for (const consumer of consumers)
      await consume(topology.consumerQueue(consumer), (message) =>
        this.#handle(channel, message, consumer)
      )
    await consume(topology.deadLetterQueue, (message) => this.#handleDeadLetter(channel, message))
    // stop() may have run while the consumers were being set up: cancel the late ones too.
    if (this.#stopping) await this.#cancelConsumers()
    else onConsuming()
    await closed
    if (!this.#stopping) throw new Error('channel closed')
  }

  #track(message: ConsumeMessage, onMessage: (message: ConsumeMessage) => Promise<void>) {
    const work = onMessage(message)
      .catch((error) =>
        logger.error(
          { err: error, messageId: message.properties.messageId },
          'jobs worker: message handling failed'
        )
      )
      .finally(() => this.#inFlight.delete(work))
    this.#inFlight.add(work)
  }

  async #handle(channel: Channel, message: ConsumeMessage, consumer: string | null) {
    const outcome = await this.#withBackoff(channel, message, () =>
      this.#deliver(message, consumer)
    )
    if (outcome === undefined) return
    if (outcome === 'dead') safely(() => channel.nack(message, false, false))
    else safely(() => channel.ack(message))
  }

  /** Records what the broker dead-lettered, then acknowledges it (the record is idempotent). */
  async #handleDeadLetter(channel: Channel, message: ConsumeMessage) {
    const dead = deadLetterOf(message, this.#options.topology)
    if (dead) {
      const done = await this.#withBackoff(channel, message, () => recordDeadLetter(dead))
      if (done === undefined) return
    } else {
      logger.error(
        { messageId: message.properties.messageId },
        'jobs worker: a dead-lettered message names no job or event, dropped'
      )
    }
    safely(() => channel.ack(message))
  }

  /**
   * Runs `work`; on an unexpected failure holds the message, waits (longer with each failure in a
   * row), and tries again; after TRIES_BEFORE_REQUEUE tries, or when stopping, requeues it and
   * answers undefined, as it does when the channel closed meanwhile (the broker requeued it then).
   */
  async #withBackoff<T>(
    channel: Channel,
    message: ConsumeMessage,
    work: () => Promise<T>
  ): Promise<T | undefined> {
    const earlierTries =
      Number(message.properties.headers?.['x-delivery-count'] ?? 0) * TRIES_BEFORE_REQUEUE
    for (let tries = 1; ; tries++) {
      try {
        return await work()
      } catch (error) {
        const delay = backoffDelay(
          UNEXPECTED_BACKOFF_MS.base,
          earlierTries + tries,
          UNEXPECTED_BACKOFF_MS.max
        )
        const fields = {
          err: error,
          messageId: message.properties.messageId,
          tries,
          delayMs: delay,
        }
        const requeue = tries >= TRIES_BEFORE_REQUEUE
        logger.error(
          fields,
          requeue
            ? 'jobs worker: delivery failed, requeued after a pause'
            : 'jobs worker: delivery failed, trying again after a pause'
        )
        await this.#pause(delay)
        if (this.#closedChannels.has(channel)) return undefined
        if (requeue || this.#stopping) {
          safely(() => channel.nack(message, false, true))
          return undefined
        }
      }
    }
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

  /** Waits `ms`, or less when the worker stops. */
  #pause(ms: number) {
    return this.#stopping ? Promise.resolve() : this.#pauses.sleep(ms)
  }
}

/** The job or event a dead-lettered message was, and why the broker gave it up. */
function deadLetterOf(message: ConsumeMessage, topology: RabbitTopology): DeadLetter | null {
  const messageId = message.properties.messageId
  const name = message.properties.type
  if (!messageId || !name) return null
  const headers = message.properties.headers ?? {}
  // x-death lists the latest death first; the first one is where the message gave up.
  const death = Array.isArray(headers['x-death']) ? headers['x-death'].at(-1) : undefined
  const reason = String(headers['x-first-death-reason'] ?? death?.reason ?? 'unknown')
  const queue = String(headers['x-first-death-queue'] ?? death?.queue ?? '')
  const kind = header(message, 'x-kind') === 'event' ? 'event' : 'job'
  const eventQueue = topology.consumerQueue('')
  const consumer =
    (header(message, 'x-consumer') as string | null) ??
    (queue.startsWith(eventQueue) ? queue.slice(eventQueue.length) : null)
  return {
    outboxId: (header(message, 'x-outbox-id') as string | null) ?? null,
    messageId: String(messageId),
    kind,
    name: String(name),
    consumer,
    reason: deathReason(reason, topology),
  }
}

/** What an admin reads on the failed-jobs page. */
function deathReason(reason: string, topology: RabbitTopology) {
  if (reason === 'delivery_limit') {
    return `Dead-lettered by RabbitMQ: delivered ${topology.deliveryLimit} times without being acknowledged (a worker kept stopping or failing on it)`
  }
  if (reason === 'rejected') return 'Dead-lettered by RabbitMQ: rejected by a worker'
  return `Dead-lettered by RabbitMQ (${reason})`
}

/** Acknowledging on a channel that closed meanwhile fails: the broker redelivers, and idempotency absorbs it. */
function safely(action: () => void) {
  try {
    action()
  } catch (error) {
    logger.warn(
      { err: error },
      'jobs worker: could not acknowledge (channel closed), the message will be redelivered'
    )
  }
}
