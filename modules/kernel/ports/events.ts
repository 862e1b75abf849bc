import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DomainEventName, DomainEvents } from '../events/domain_events.ts'

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

/**
 * Domain events: facts (`<module>.<resource>.<verb-ed>`) other modules react to, kept in the outbox.
 * Only events a module's contracts declare can be published or subscribed to, with their payload type.
 */
export interface EventBus {
  /** Records an event in the caller's transaction (or its own); resolves to the event id. */
  publish<Name extends DomainEventName>(
    name: Name,
    payload: DomainEvents[Name],
    options: PublishOptions
  ): Promise<string>
  /** Records one event per payload in a single write (bulk changes such as an import); resolves to their ids in order. */
  publishMany<Name extends DomainEventName>(
    name: Name,
    payloads: DomainEvents[Name][],
    options: PublishOptions
  ): Promise<string[]>
  /** Delivers each `name` event to `consumer` at least once and handles it once in effect. */
  subscribe<Name extends DomainEventName>(
    name: Name,
    consumer: string,
    handler: EventHandler<DomainEvents[Name]>
  ): void
}
