import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** What an event consumer learns about the event. */
export type EventMeta = {
  eventId: string
  organizationId: string
  occurredAt: string
  /** The transaction the handling commits in, with the record that this consumer handled this event. */
  client: TransactionClientContract
}

/** Reacts to a domain event. Throwing schedules a retry for this consumer only. */
export type EventHandler<P> = (payload: P, meta: EventMeta) => Promise<void>

/** Where the event comes from. */
export type PublishOptions = {
  /** The caller's transaction: the event exists if and only if it commits. */
  client?: TransactionClientContract
  organizationId: string
}

/** Domain events: facts (`<module>.<resource>.<verb-ed>`) other modules react to, kept in the outbox. */
export interface EventBus {
  /** Records an event in the caller's transaction (or its own); resolves to the event id. */
  publish<P>(name: string, payload: P, options: PublishOptions): Promise<string>
  /** Records one event per payload in a single write (bulk changes such as an import); resolves to their ids in order. */
  publishMany<P>(name: string, payloads: P[], options: PublishOptions): Promise<string[]>
  /** Delivers each `name` event to `consumer` at least once and handles it once in effect. */
  subscribe<P>(name: string, consumer: string, handler: EventHandler<P>): void
}
