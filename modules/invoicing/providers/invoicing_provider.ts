import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DomainModuleProvider } from '@ia/kernel/contracts'
import { invoicingEvents } from '../contracts/events.ts'

/** The invoicing module: its routes, and the DGI's tax groups for each organisation that enables it. */
export default class InvoicingProvider implements DomainModuleProvider {
  readonly events = invoicingEvents

  async start() {
    await import('../start/routes.ts')
    await import('../app/mails/invoicing_mails.ts')
  }

  async installForOrganization(organizationId: string, trx: TransactionClientContract) {
    const { seedTaxGroups } = await import('../app/services/tax_groups.ts')
    await seedTaxGroups(organizationId, trx)
  }
}
