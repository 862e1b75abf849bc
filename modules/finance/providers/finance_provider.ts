import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DomainModuleProvider } from '@ia/kernel/contracts'

/** The finance module: books invoicing's events, seeds each organisation's ledger, serves the reports. */
export default class FinanceProvider implements DomainModuleProvider {
  async start() {
    const { registerInvoicingBooking } = await import('../app/listeners/invoicing_events.ts')
    registerInvoicingBooking()
    await import('../start/treasury.ts')
  }

  async installForOrganization(organizationId: string, trx: TransactionClientContract) {
    const { installLedger } = await import('../app/services/chart_of_accounts.ts')
    await installLedger(organizationId, trx)
  }
}
