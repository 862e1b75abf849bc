import type { Channel } from 'amqplib'
import { handlerRegistry } from './registry.ts'

/** Names of the exchanges and queues, all under one prefix (several environments can share a broker). */
export class RabbitTopology {
  constructor(
    readonly prefix: string,
    /** Deliveries of one message before the broker dead-letters it (a worker that keeps dying on it). */
    readonly deliveryLimit: number
  ) {}

  get jobsExchange() {
    return `${this.prefix}.jobs`
  }

  get eventsExchange() {
    return `${this.prefix}.events`
  }

  get deadLetterExchange() {
    return `${this.prefix}.dead`
  }

  get jobsQueue() {
    return `${this.prefix}.jobs`
  }

  get deadLetterQueue() {
    return `${this.prefix}.dead-letter`
  }

  /** The queue of one event consumer: every consumer gets its own copy of each event. */
  consumerQueue(consumer: string) {
    return `${this.prefix}.event.${consumer}`
  }

  /**
   * Declares everything the registered handlers need (idempotent: the relay and every worker do it).
   * Quorum queues, because only they dead-letter at least once and count deliveries.
   */
  async assert(channel: Channel) {
    const queueArguments = {
      'x-queue-type': 'quorum',
      'x-delivery-limit': this.deliveryLimit,
      'x-dead-letter-exchange': this.deadLetterExchange,
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    }
    await channel.assertExchange(this.deadLetterExchange, 'fanout', { durable: true })
    await channel.assertQueue(this.deadLetterQueue, {
      durable: true,
      arguments: { 'x-queue-type': 'quorum' },
    })
    await channel.bindQueue(this.deadLetterQueue, this.deadLetterExchange, '')

    await channel.assertExchange(this.jobsExchange, 'direct', { durable: true })
    await channel.assertQueue(this.jobsQueue, { durable: true, arguments: queueArguments })
    for (const job of handlerRegistry.jobs())
      await channel.bindQueue(this.jobsQueue, this.jobsExchange, job.name)

    await channel.assertExchange(this.eventsExchange, 'topic', { durable: true })
    for (const entry of handlerRegistry.consumers()) {
      const queue = this.consumerQueue(entry.consumer)
      await channel.assertQueue(queue, { durable: true, arguments: queueArguments })
      await channel.bindQueue(queue, this.eventsExchange, entry.event)
    }
  }

  /** Deletes what `assert` declares, messages included: for test and benchmark prefixes, never a live one. */
  async remove(channel: Channel) {
    const consumers = new Set(handlerRegistry.consumers().map((entry) => entry.consumer))
    for (const queue of [
      this.jobsQueue,
      this.deadLetterQueue,
      ...[...consumers].map((consumer) => this.consumerQueue(consumer)),
    ]) {
      await channel.deleteQueue(queue)
    }
    for (const exchange of [this.jobsExchange, this.eventsExchange, this.deadLetterExchange])
      await channel.deleteExchange(exchange)
  }
}
