import { events, type DomainEvents } from '@ia/kernel/contracts'
import { runQueuedJobs } from '@ia/platform/testing'

type InvoicingEvent = Extract<keyof DomainEvents, `invoicing.${string}`>
const NAMES: InvoicingEvent[] = [
  'invoicing.invoice.issued',
  'invoicing.credit_note.issued',
  'invoicing.payment.recorded',
  'invoicing.payment.reversed',
]
const received: Array<{ name: InvoicingEvent; organizationId: string; payload: unknown }> = []
for (const name of NAMES) {
  events.subscribe(name, 'invoicingtest.ledger', async (payload, meta) => {
    received.push({ name, organizationId: meta.organizationId, payload })
  })
}

/** Delivers the queued events as a worker would, and answers the payloads of `name` an organisation published, oldest first. */
export async function deliveredEvents<Name extends InvoicingEvent>(
  name: Name,
  organizationId: string
): Promise<DomainEvents[Name][]> {
  await runQueuedJobs()
  return received
    .filter((event) => event.name === name && event.organizationId === organizationId)
    .map((event) => event.payload as DomainEvents[Name])
}
