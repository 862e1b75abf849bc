/*
 * The invoicing module's public surface: the only invoicing code other modules may import.
 */
export { invoicingQueries, type InvoiceSummary } from './invoicing_queries.ts'
export {
  invoicingPayments,
  type PayableInvoice,
  type ReceivedPayment,
} from './invoicing_payments.ts'
export { invoicingPaymentLinks, type PaymentLinkSource } from './payment_links.ts'
export {
  invoicingEvents,
  type InvoiceIssued,
  type CreditNoteIssued,
  type PaymentRecorded,
  type PaymentReversed,
  type IssuedDocumentFacts,
  type PaymentFacts,
  type PaymentAllocationFacts,
  type TaxGroupFacts,
} from './events.ts'
