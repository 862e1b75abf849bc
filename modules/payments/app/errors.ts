import { DomainError } from '@ia/kernel/contracts'

const error = (code: string, status: number, field?: string, data: Record<string, unknown> = {}) =>
  new DomainError(code, status, `payments.errors.${code}`, data, field)

/** The payments module's expected failures, each with its code, HTTP status, message key and field. */
export const paymentsErrors = {
  /** The organisation has no gateway account, or switched mobile-money payments off. */
  notConfigured: () => error('E_PAYMENTS_NOT_CONFIGURED', 409),
  /** The first settings need the secret key. */
  secretKeyRequired: () => error('E_SECRET_KEY_REQUIRED', 422, 'secretKey'),
  /** A provider id the gateway does not know. */
  providerUnknown: (field: string) => error('E_PROVIDER_UNKNOWN', 422, field),
  /** An operator the organisation does not offer. */
  providerNotEnabled: () => error('E_PROVIDER_NOT_ENABLED', 422, 'providerId'),
  /** Not a DR Congo mobile number. */
  phoneInvalid: () => error('E_PHONE_INVALID', 422, 'phone'),
  /** Mobile money in DR Congo moves CDF or USD only. */
  currencyUnsupported: (currency: string) =>
    error('E_CURRENCY_UNSUPPORTED', 422, 'currency', { currency }),
  /** The invoice is settled, cancelled or not an invoice. */
  invoiceNotPayable: () => error('E_INVOICE_NOT_PAYABLE', 409, 'documentId'),
  /** A request for this invoice is still waiting for the customer's phone. */
  requestPending: () => error('E_REQUEST_PENDING', 409, 'documentId'),
  /** An amount with more digits than its currency has, or not above zero. */
  amountInvalid: (currency: string) => error('E_AMOUNT_INVALID', 422, 'amount', { currency }),
  /** The gateway could not be reached or refused the request. */
  gatewayFailed: (message: string) => error('E_GATEWAY_FAILED', 502, undefined, { message }),
  /** A customer's payment link that is unknown, altered or expired. */
  linkInvalid: () => error('E_PAYMENT_LINK_INVALID', 404),
  /** Too many "pay" requests from one address or on one link; `minutes` until the next is accepted. */
  tooManyPaymentRequests: (minutes: number) =>
    error('E_TOO_MANY_PAYMENT_REQUESTS', 429, undefined, { minutes }),
  /** The organisation turned the payments module off: its links and callbacks take no payment. */
  unavailable: () => error('E_ONLINE_PAYMENT_UNAVAILABLE', 409),
  /** A callback whose signature is missing or wrong. */
  callbackSignature: () => error('E_CALLBACK_SIGNATURE', 401, 'signature'),
  /** A callback sent more than five minutes ago (or dated in the future). */
  callbackStale: () => error('E_CALLBACK_STALE', 422, 'service_date_time'),
  /** A callback already received. */
  callbackReplayed: () => error('E_CALLBACK_REPLAYED', 409, 'signature'),
  /** A callback about an order the organisation never sent. */
  callbackUnknownOrder: () => error('E_CALLBACK_UNKNOWN_ORDER', 404, 'order_id'),
  /** The person who asked for a payout cannot approve it. */
  payoutSameApprover: () => error('E_PAYOUT_SECOND_PERSON', 403),
  /** The payout was already approved or rejected. */
  payoutDecided: () => error('E_PAYOUT_DECIDED', 409, 'status'),
}
