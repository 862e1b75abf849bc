import { events } from '@ia/kernel/contracts'
import { invoicingBooking } from '../services/invoicing_booking.ts'

/** The consumer name the platform records each handled event under: once per event, whatever the redeliveries. */
export const FINANCE_LEDGER_CONSUMER = 'finance.ledger'

/** Books invoicing's events into the ledger of each organisation that enabled finance. */
export function registerInvoicingBooking() {
  events.subscribe('invoicing.invoice.issued', FINANCE_LEDGER_CONSUMER, async (payload, meta) => {
    await invoicingBooking.invoiceIssued(meta.client, meta.organizationId, payload)
  })
  events.subscribe(
    'invoicing.credit_note.issued',
    FINANCE_LEDGER_CONSUMER,
    async (payload, meta) => {
      await invoicingBooking.creditNoteIssued(meta.client, meta.organizationId, payload)
    }
  )
  events.subscribe('invoicing.payment.recorded', FINANCE_LEDGER_CONSUMER, async (payload, meta) => {
    await invoicingBooking.paymentRecorded(meta.client, meta.organizationId, payload)
  })
  events.subscribe('invoicing.payment.reversed', FINANCE_LEDGER_CONSUMER, async (payload, meta) => {
    await invoicingBooking.paymentReversed(
      meta.client,
      meta.organizationId,
      payload,
      meta.occurredAt
    )
  })
}
