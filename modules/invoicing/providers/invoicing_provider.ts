import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DomainModuleProvider, ScheduledJobPayload } from '@ia/kernel/contracts'
import { invoicingEvents } from '../contracts/events.ts'

/** The invoicing module: its routes and scheduled jobs, and the DGI's tax groups for each organisation that enables it. */
export default class InvoicingProvider implements DomainModuleProvider {
  readonly events = invoicingEvents

  async start() {
    const { jobs } = await import('@ia/kernel/contracts')
    const recurring = await import('../app/services/recurring.ts')
    jobs.register(recurring.ISSUE_RECURRING_JOB, recurring.issueDueOccurrences, {
      title: 'invoicing.jobs.issueRecurring',
      maxAttempts: 3,
      backoffMs: 60_000,
    })
    jobs.register<ScheduledJobPayload>(recurring.RECURRING_SCHEDULE.name, (payload, context) =>
      recurring.queueDueRecurringInvoices(new Date(payload.slot), context.client)
    )
    jobs.schedule(recurring.RECURRING_SCHEDULE.name, {
      cron: recurring.RECURRING_SCHEDULE.cron,
      timeZone: recurring.RECURRING_TIME_ZONE,
    })
    await import('../start/routes.ts')
    await import('../app/mails/invoicing_mails.ts')
  }

  async installForOrganization(organizationId: string, trx: TransactionClientContract) {
    const { seedTaxGroups } = await import('../app/services/tax_groups.ts')
    await seedTaxGroups(organizationId, trx)
  }
}
