/*
 * The invoicing module's public surface: the only invoicing code other modules may import.
 */
export {
  invoicingQueries,
  type InvoiceSummary,
  type FiscalDocument,
  type FiscalDocumentLine,
} from './invoicing_queries.ts'
export {
  documentHooks,
  type HookedDocument,
  type SendGate,
  type PrintMarks,
  type PrintMarksProvider,
} from './document_hooks.ts'
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
