/*
 * The invoicing module's public surface: the only invoicing code other modules may import.
 */
export { invoicingQueries, type InvoiceSummary } from './invoicing_queries.ts'
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
