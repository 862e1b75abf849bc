import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { currencyPrecision, Decimal } from '@ia/kernel/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import type { FiscalDocument } from '@ia/invoicing/contracts'
import {
  FISCAL_TAX_GROUPS,
  type FiscalInvoice,
  type FiscalInvoiceType,
  type FiscalItem,
} from '../ports/fiscal_device.ts'

/** Why an invoice cannot be sent to the device as it is: a code and its message parameters. */
export class InvoiceNotNormalisable extends Error {
  constructor(
    readonly code: string,
    readonly data: Record<string, string> = {}
  ) {
    super(code)
  }
}

const INVOICE_TYPES: Record<FiscalDocument['invoiceType'], FiscalInvoiceType> = {
  sale: 'FV',
  advance: 'FT',
  credit_note: 'FA',
  export: 'EV',
  export_credit_note: 'EA',
}

/** Client types whose NIF the DGI requires. */
const NIF_REQUIRED = new Set(['PM', 'PC', 'PL'])

/**
 * A line as the device prices it: quantity x unit price, rounded. A discounted line is sent at its
 * net unit price when that is exact in the currency, else as one unit at its net amount, so that the
 * device finds the same line total as ours.
 */
function itemOf(line: FiscalDocument['lines'][number], currency: string): FiscalItem {
  const quantity = new Decimal(line.quantity)
  const unitNet = new Decimal(line.net).div(quantity)
  const exact =
    unitNet.decimalPlaces() <= currencyPrecision(currency) &&
    unitNet.times(quantity).equals(line.net)
  return {
    code: line.productCode,
    type: line.taxGroup === 'L' ? 'TAX' : line.productKind === 'product' ? 'BIE' : 'SER',
    name: exact
      ? line.description
      : `${line.description} (${line.quantity} ${line.unit ?? ''})`.trim(),
    price: exact ? unitNet.toString() : new Decimal(line.net).toString(),
    quantity: exact ? quantity.toString() : '1',
    unit: line.unit,
    taxGroup: line.taxGroup,
    taxRate: line.taxRate,
    taxSpecificAmount: null,
  }
}

/**
 * The invoice or credit note as the fiscal device reads it. Refuses (InvoiceNotNormalisable) what the
 * DGI would: a client type that needs a NIF without one, a tax group outside A-P, a credit note whose
 * invoice has no DGI code.
 */
export async function fiscalInvoiceOf(
  document: FiscalDocument,
  context: {
    organizationId: string
    operatorName: string
    creditedDgiCode: string | null
    client: QueryClientContract
  }
): Promise<FiscalInvoice> {
  if (NIF_REQUIRED.has(document.clientCategory) && !document.customer.nif)
    throw new InvoiceNotNormalisable('E_CLIENT_NIF_REQUIRED', { type: document.clientCategory })
  for (const line of document.lines)
    if (!FISCAL_TAX_GROUPS.includes(line.taxGroup))
      throw new InvoiceNotNormalisable('E_TAX_GROUP_UNKNOWN', { group: line.taxGroup })
  if (document.kind === 'credit_note' && !context.creditedDgiCode)
    throw new InvoiceNotNormalisable('E_CREDITED_NOT_NORMALISED')
  // The e-MCF works in Congolese francs: the rate of the invoice's currency to CDF on its date.
  const rate =
    document.currency === 'CDF'
      ? { rate: '1', date: document.issueDate }
      : await currenciesService.rateAt(
          context.organizationId,
          document.currency,
          'CDF',
          document.issueDate,
          { client: context.client }
        )
  return {
    rn: document.number,
    type: INVOICE_TYPES[document.invoiceType],
    items: document.lines.map((line) => itemOf(line, document.currency)),
    client: {
      type: document.clientCategory,
      nif: document.customer.nif,
      name: document.customer.name,
      contact: document.customer.phone ?? document.customer.email,
      address: document.customer.address,
    },
    operator: { id: document.issuedBy ?? 'system', name: context.operatorName },
    payments: [
      { type: 'CREDIT', amount: document.total, currency: document.currency, rate: rate.rate },
    ],
    currency: { code: document.currency, rate: rate.rate, date: rate.date },
    reference: context.creditedDgiCode,
  }
}
