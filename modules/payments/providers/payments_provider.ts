import type { DomainModuleProvider } from '@ia/kernel/contracts'

/** The payments module: its payout job, and the payment link invoicing prints in its invoice mails. */
export default class PaymentsProvider implements DomainModuleProvider {
  async start() {
    const { registerPayoutJob } = await import('../app/services/payouts.ts')
    registerPayoutJob()
    const { invoicingPaymentLinks } = await import('@ia/invoicing/contracts')
    const { paymentLinkFor } = await import('../app/services/invoice_links.ts')
    invoicingPaymentLinks.provide(paymentLinkFor)
  }
}
