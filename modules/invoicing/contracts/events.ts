import { defineEvents, payload, type EventPayloads } from '@ia/kernel/contracts'

/** A tax group's line of a document's totals (decimal strings of the document's currency). */
export type TaxGroupFacts = { taxGroup: string; taxRate: string; base: string; tax: string }

/** What a ledger needs of an issued invoice or credit note: amounts per tax group, currency, rate, customer. */
export type IssuedDocumentFacts = {
  documentId: string
  number: string
  invoiceType: 'sale' | 'advance' | 'credit_note' | 'export' | 'export_credit_note'
  clientCategory: 'PP' | 'PM' | 'PC' | 'PL' | 'AO'
  customerId: string
  customerName: string
  customerNif: string | null
  /** YYYY-MM-DD */
  issueDate: string
  dueDate: string | null
  currency: string
  /** Sum of the tax groups' bases. */
  net: string
  tax: string
  total: string
  taxGroups: TaxGroupFacts[]
  reportingCurrency: string
  /** 1 unit of `currency` = this many units of `reportingCurrency`, as issued. */
  exchangeRate: string
  exchangeRateDate: string
  reportingTotal: string
  /** The organisation's book currency and the rate to it at issue. */
  bookCurrency: string
  bookRate: string
}

/** An invoice was issued with its number. */
export type InvoiceIssued = IssuedDocumentFacts
/** A credit note was issued against an invoice. */
export type CreditNoteIssued = IssuedDocumentFacts & {
  creditedDocumentId: string
  creditedNumber: string
}

/** The part of a payment that settled one invoice. */
export type PaymentAllocationFacts = {
  documentId: string
  number: string
  /** The invoice's currency and the amount of it settled. */
  currency: string
  applied: string
  /** The part of the payment, in the payment's currency. */
  amount: string
  /** 1 unit of the payment's currency = this many of the invoice's on the payment date; null when the same currency. */
  exchangeRate: string | null
  /** Gain (positive) or loss in the book currency: the part's worth on the payment date less the settled amount's worth at the invoice's issue rate. */
  exchangeDifference: string
}

/** Money received (or its reversal): what a ledger books. */
export type PaymentFacts = {
  paymentId: string
  method: 'cash' | 'transfer' | 'mobile_money' | 'card'
  reference: string | null
  /** YYYY-MM-DD */
  receivedOn: string
  customerId: string
  currency: string
  amount: string
  /** The organisation's book currency, which exchange differences are in. */
  bookCurrency: string
  exchangeDifference: string
  allocations: PaymentAllocationFacts[]
}

/** A payment was recorded against one or several invoices. */
export type PaymentRecorded = PaymentFacts
/** A payment was reversed: every amount it settled is due again. */
export type PaymentReversed = PaymentFacts & { reason: string }

/** The events the invoicing module publishes (module.json's `events.publishes` names the same). */
export const invoicingEvents = defineEvents('invoicing', {
  'invoicing.invoice.issued': payload<InvoiceIssued>(),
  'invoicing.credit_note.issued': payload<CreditNoteIssued>(),
  'invoicing.payment.recorded': payload<PaymentRecorded>(),
  'invoicing.payment.reversed': payload<PaymentReversed>(),
})

declare module '@ia/kernel/contracts' {
  interface DomainEvents extends EventPayloads<typeof invoicingEvents> {}
}
