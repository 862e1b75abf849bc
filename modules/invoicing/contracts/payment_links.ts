import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** Where a customer pays an invoice online, in their language; null when the organisation collects no payment online. */
export type PaymentLinkSource = (
  invoice: { organizationId: string; documentId: string },
  locale: string,
  client?: QueryClientContract
) => Promise<string | null>

let source: PaymentLinkSource | null = null

/**
 * The link to pay an invoice that invoicing prints in its mail: a payment module provides it at boot,
 * invoicing knows nothing of how the payment is taken.
 */
export const invoicingPaymentLinks = {
  provide(next: PaymentLinkSource) {
    source = next
  },

  /** The link for this invoice, or null when no payment module provides one. */
  async linkFor(
    invoice: { organizationId: string; documentId: string },
    locale: string,
    client?: QueryClientContract
  ) {
    return source ? source(invoice, locale, client) : null
  },
}
