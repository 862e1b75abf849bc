import { DomainError } from '@ia/kernel/contracts'

const error = (code: string, status: number, field?: string, data: Record<string, unknown> = {}) =>
  new DomainError(code, status, `invoicing.errors.${code}`, data, field)

/** The invoicing module's expected failures, each with its code, HTTP status, message key and field. */
export const invoicingErrors = {
  /** No tax group with this letter in the organisation. */
  taxGroupUnknown: (field: string, code: string) =>
    error('E_TAX_GROUP_UNKNOWN', 422, field, { code }),
  /** The tax group has no rate on the document's date. */
  taxRateMissing: (field: string, code: string, date: string) =>
    error('E_TAX_RATE_MISSING', 422, field, { code, date }),
  /** The group already has a rate starting that day. */
  taxRateTaken: (date: string) => error('E_TAX_RATE_TAKEN', 422, 'validFrom', { date }),
  /** Another product of the organisation has this code. */
  productCodeTaken: () => error('E_PRODUCT_CODE_TAKEN', 422, 'code'),
  /** A line names a product the organisation does not have (or archived). */
  productUnknown: (field: string) => error('E_PRODUCT_UNKNOWN', 422, field),
  /** A price with more digits than its currency allows. */
  amountDigits: (field: string, currency: string) =>
    error('E_AMOUNT_DIGITS', 422, field, { currency }),
  /** A line with both a percentage and an amount of discount. */
  discountTwice: (field: string) => error('E_DISCOUNT_TWICE', 422, field),
  /** A free-text line without its text. */
  lineDescriptionRequired: (field: string) => error('E_LINE_DESCRIPTION_REQUIRED', 422, field),
  /** A free-text line without its price. */
  unitPriceRequired: (field: string) => error('E_LINE_PRICE_REQUIRED', 422, field),
  /** An invoice type that does not fit the document (a credit-note type on an invoice, or the reverse). */
  invoiceTypeMismatch: () => error('E_INVOICE_TYPE_MISMATCH', 422, 'invoiceType'),
  /** The document has no line. */
  noLines: () => error('E_DOCUMENT_NO_LINES', 422, 'lines'),
  /** A line's discount is more than the line. */
  discountAboveLine: (field: string) => error('E_DISCOUNT_ABOVE_LINE', 422, field),
  /** The organisation does not use this currency. */
  currencyNotUsed: (field: string, currency: string) =>
    error('E_CURRENCY_NOT_USED', 422, field, { currency }),
  /** Only a draft can be changed, deleted or issued. */
  notDraft: (number: string | null) =>
    error('E_DOCUMENT_NOT_DRAFT', 409, 'status', { number: number ?? '' }),
  /** Sending, crediting or paying needs an issued document. */
  notIssued: () => error('E_DOCUMENT_NOT_ISSUED', 409, 'status'),
  /** A credit note refers to something that is not an issued invoice of the organisation. */
  creditSourceInvalid: () => error('E_CREDIT_SOURCE_INVALID', 422, 'creditedDocumentId'),
  /** A credit note above what remains of the invoice (neither paid nor credited). */
  creditAboveBalance: (balance: string, currency: string) =>
    error('E_CREDIT_ABOVE_BALANCE', 422, 'lines', { balance, currency }),
  /** A payment line names something that is not an open invoice of the organisation. */
  paymentDocumentInvalid: (field: string) => error('E_PAYMENT_DOCUMENT_INVALID', 422, field),
  /** The invoices of one payment belong to one customer. */
  paymentCustomerMismatch: (field: string) => error('E_PAYMENT_CUSTOMER_MISMATCH', 422, field),
  /** A payment above what remains due on the invoice. */
  paymentAboveBalance: (field: string, balance: string, currency: string) =>
    error('E_PAYMENT_ABOVE_BALANCE', 422, field, { balance, currency }),
  /** The same invoice twice in one payment. */
  paymentDuplicateDocument: (field: string) => error('E_PAYMENT_DUPLICATE_DOCUMENT', 422, field),
  /** A payment part of nothing. */
  paymentAmountZero: (field: string) => error('E_PAYMENT_AMOUNT_ZERO', 422, field),
  /** A reversed payment stays reversed. */
  paymentAlreadyReversed: () => error('E_PAYMENT_ALREADY_REVERSED', 409, 'status'),
  /** A numbering format without the year or the counter, or with other placeholders. */
  seriesFormat: () => error('E_SERIES_FORMAT', 422, 'format'),
  /** A list cursor that was not made by the server for this order. */
  invalidCursor: () => error('E_DOCUMENT_INVALID_CURSOR', 422, 'cursor'),
  /** The database refused to change what was issued (a path the API checks before it; kept as a 409). */
  issuedImmutable: () => error('E_DOCUMENT_IMMUTABLE', 409, 'status'),
  /** Sending by email needs an address: the customer has none and the sender gave none. */
  noRecipient: () => error('E_NO_RECIPIENT', 422, 'to'),
  /** The customer answers a quote after its validity date. */
  quoteExpired: (validUntil: string) => error('E_QUOTE_EXPIRED', 422, 'validUntil', { validUntil }),
  /** The quote was already answered the other way (or is no longer open). */
  quoteAnswered: (status: string) => error('E_QUOTE_ANSWERED', 409, 'status', { status }),
  /** Accepting, refusing or converting is for quotes. */
  notQuote: () => error('E_NOT_QUOTE', 409, 'kind'),
  /** Only an accepted quote becomes an invoice. */
  quoteNotAccepted: () => error('E_QUOTE_NOT_ACCEPTED', 409, 'status'),
  /** A recurring invoice starts today or later (the past is not issued after the fact). */
  recurringStartPast: () => error('E_RECURRING_START_PAST', 422, 'startDate'),
  /** A recurring invoice ends on or after its first date. */
  recurringEndBeforeStart: () => error('E_RECURRING_END_BEFORE_START', 422, 'endDate'),
  /** An ended recurring invoice stays ended. */
  recurringEnded: () => error('E_RECURRING_ENDED', 409, 'status'),
  /** Several reminders without the days between them. */
  reminderSchedule: () => error('E_REMINDER_SCHEDULE', 422, 'repeatEveryDays'),
  /** A customer's link that is unknown, altered or expired. */
  publicLinkInvalid: () => error('E_PUBLIC_LINK_INVALID', 404),
}

/** Whether a database error is one of the triggers that keep issued documents and payments unchanged. */
export function isImmutabilityViolation(failure: unknown) {
  const { code, constraint } = failure as { code?: string; constraint?: string }
  return (
    code === 'P0001' &&
    (constraint === 'invoicing_issued_immutable' || constraint === 'invoicing_payment_immutable')
  )
}
