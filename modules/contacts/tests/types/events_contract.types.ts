/*
 * Checked by the typecheck (tsc), never run: each `@ts-expect-error` fails the typecheck the day the
 * line it marks compiles, so these prove what the events contract lets a consumer write.
 */
import { events, type DomainEvents } from '@ia/kernel/contracts'

/** A consumer in another module subscribes by name and gets the payload type the contacts contract declares. */
export function consumerOfContactEvents() {
  events.subscribe('contacts.contact.created', 'billing.customers', async (created) => {
    const name: string = created.name
    const customer: boolean = created.isCustomer
    // @ts-expect-error the payload has no such field
    void created.email
    void name
    void customer
  })
  // @ts-expect-error an event no contract declares cannot be subscribed to
  events.subscribe('contacts.contact.deleted', 'billing.customers', async () => {})
}

/** A publisher must give the declared payload. */
export async function publisherOfContactEvents(organizationId: string) {
  // @ts-expect-error `fields` is required by contacts.contact.updated
  await events.publish('contacts.contact.updated', { contactId: 'c' }, { organizationId })
  const archived: DomainEvents['contacts.contact.archived'] = { contactId: 'c' }
  await events.publish('contacts.contact.archived', archived, { organizationId })
}
