import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { isUuid, tenantContext } from '@ia/kernel/contracts'
import GatewaySettings from '../models/gateway_settings.ts'
import { paymentsErrors } from '../errors.ts'

/** What a link's token is for: a token made for anything else never opens a payment page. */
const PURPOSE = 'payments.invoice_link'
/** How long a customer's payment link works. */
const LIFETIME = '90 days'

type LinkedInvoice = { organizationId: string; documentId: string }

/** The customer's link to pay an invoice: signed and encrypted with the application key, nothing stored. */
export const invoiceLinks = {
  token(invoice: LinkedInvoice) {
    return encryption.encrypt(
      { o: invoice.organizationId, d: invoice.documentId },
      LIFETIME,
      PURPOSE
    )
  },

  /** The shell's public page for the token, in the customer's language. */
  url(token: string, locale: string) {
    return new URL(
      `/public/payments/${encodeURIComponent(token)}?lang=${locale}`,
      app.config.get<string>('platform.appUrl')
    ).toString()
  },

  read(token: string): LinkedInvoice {
    const value = encryption.decrypt<{ o?: unknown; d?: unknown }>(token, PURPOSE)
    if (
      !value ||
      typeof value.o !== 'string' ||
      typeof value.d !== 'string' ||
      !isUuid(value.o) ||
      !isUuid(value.d)
    )
      throw paymentsErrors.linkInvalid()
    return { organizationId: value.o, documentId: value.d }
  },
}

/** The link invoicing prints on an invoice mail, when the organisation collects mobile money. */
export async function paymentLinkFor(
  invoice: LinkedInvoice,
  locale: string,
  client?: QueryClientContract
) {
  const settings = await tenantContext.run(invoice.organizationId, () =>
    GatewaySettings.query({ client }).first()
  )
  if (!settings?.enabled) return null
  return invoiceLinks.url(invoiceLinks.token(invoice), locale)
}
