/*
 * The fiscal device port: what normalising an invoice needs of the DGI's fiscal system, whatever it
 * is (the e-MCF over HTTP today, a physical MCF on a serial line later). Amounts are decimal strings
 * of the invoice's currency, never floats. The contract tests (tests/fiscal_device_contract.ts) hold
 * every adapter to the same behaviour.
 */

/** DGI invoice types: sale, advance, credit note, export, export advance, export credit note. */
export const FISCAL_INVOICE_TYPES = ['FV', 'FT', 'FA', 'EV', 'ET', 'EA'] as const
export type FiscalInvoiceType = (typeof FISCAL_INVOICE_TYPES)[number]
/** DGI item types: goods, service, tax. */
export type FiscalItemType = 'BIE' | 'SER' | 'TAX'
/** DGI client types: individual, company, sole trader, professional, embassy or international body. */
export type FiscalClientType = 'PP' | 'PM' | 'PC' | 'PL' | 'AO'
/** DGI payment types. */
export const FISCAL_PAYMENT_TYPES = [
  'ESPECES',
  'VIREMENT',
  'CARTEBANCAIRE',
  'MOBILEMONEY',
  'CHEQUES',
  'CREDIT',
  'AUTRE',
] as const
export type FiscalPaymentType = (typeof FISCAL_PAYMENT_TYPES)[number]
/** The sixteen DGI tax groups. */
export const FISCAL_TAX_GROUPS = 'ABCDEFGHIJKLMNOP'.split('')

/** One line as the fiscal device reads it. */
export type FiscalItem = {
  code: string | null
  type: FiscalItemType
  name: string
  /** Unit price, tax excluded, in the invoice's currency. */
  price: string
  quantity: string
  unit: string | null
  taxGroup: string
  /** The group's rate in percent ("16"). */
  taxRate: string
  /** A specific tax on the line (groups L, N), or null. */
  taxSpecificAmount: string | null
}

/** An invoice or credit note to normalise. */
export type FiscalInvoice = {
  /** Our number ("rn", the reference number). */
  rn: string
  type: FiscalInvoiceType
  items: FiscalItem[]
  client: {
    type: FiscalClientType
    nif: string | null
    name: string
    contact: string | null
    address: string | null
  }
  operator: { id: string; name: string }
  payments: Array<{ type: FiscalPaymentType; amount: string; currency: string; rate: string }>
  currency: { code: string; rate: string; date: string }
  /** A credit note's reference: the DGI code of the invoice it credits. */
  reference: string | null
}

/** The fiscal device's totals of a pending invoice. */
export type FiscalTotals = { total: string; tax: string }

/** An invoice the device holds, not yet confirmed. */
export type PendingFiscalInvoice = { uid: string; rn: string | null; totals: FiscalTotals }

/** The DGI's signature of a confirmed invoice: what is printed on it. */
export type FiscalSignature = {
  uid: string
  /** As the device writes it ("08/12/2026 10:15:02"). */
  dateTime: string
  qrContent: string
  dgiCode: string
  counters: string
  nim: string
}

/** What the device says about itself. */
export type FiscalDeviceStatus = {
  nif: string
  nim: string | null
  serverDateTime: string | null
  pending: Array<{ uid: string; date: string | null }>
}

/** A day's rate as the device publishes it: 1 `currency` = `rate` CDF. */
export type FiscalCurrencyRate = { currency: string; rate: string; date: string }

/** Why a device call failed; `kind` says what the caller does about it. */
export type FiscalDeviceErrorKind =
  /** Down, timed out, answered 5xx: try again later, nothing changed (or the pending is found again). */
  | 'unreachable'
  /** The token is refused: the settings must change. */
  | 'unauthorized'
  /** The device holds the most pending invoices it accepts: confirm or wait. */
  | 'full'
  /** The invoice itself is refused (its content): retrying the same will not help. */
  | 'rejected'
  /** No such pending invoice (expired, cancelled or never there). */
  | 'not_found'

/** A failed device call, with the device's own code and text when it gave them. */
export class FiscalDeviceError extends Error {
  constructor(
    readonly kind: FiscalDeviceErrorKind,
    message: string,
    readonly deviceCode: string | null = null
  ) {
    super(message)
  }
}

/** A fiscal device of one taxpayer (one NIF, one device id). */
export interface FiscalDevice {
  /** Checks the credentials and reads the pending invoices. */
  status(): Promise<FiscalDeviceStatus>
  /** Sends an invoice: the device holds it pending and answers its own totals. */
  submit(invoice: FiscalInvoice): Promise<PendingFiscalInvoice>
  /** Confirms a pending invoice with the totals we computed: the DGI signs it. */
  confirm(uid: string, totals: FiscalTotals): Promise<FiscalSignature>
  /** Cancels a pending invoice. */
  cancel(uid: string): Promise<void>
  /** A pending invoice, or the signature when it was confirmed; null when the device does not know it. */
  find(uid: string): Promise<PendingFiscalInvoice | FiscalSignature | null>
  /** The day's rates the device publishes. */
  currencyRates(): Promise<FiscalCurrencyRate[]>
}

/** True when `found` is a confirmed invoice's signature. */
export const isSignature = (
  found: PendingFiscalInvoice | FiscalSignature
): found is FiscalSignature => 'dgiCode' in found
