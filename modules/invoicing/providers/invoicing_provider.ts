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
    const reminders = await import('../app/services/reminders.ts')
    jobs.register(reminders.SEND_REMINDERS_JOB, reminders.sendDueReminders, {
      title: 'invoicing.jobs.sendReminders',
      maxAttempts: 3,
      backoffMs: 60_000,
    })
    jobs.register<ScheduledJobPayload>(reminders.REMINDERS_SCHEDULE.name, (payload, context) =>
      reminders.queueReminders(new Date(payload.slot), context.client)
    )
    jobs.schedule(reminders.REMINDERS_SCHEDULE.name, {
      cron: reminders.REMINDERS_SCHEDULE.cron,
      timeZone: reminders.REMINDERS_TIME_ZONE,
    })
    await import('../start/routes.ts')
    await import('../app/mails/invoicing_mails.ts')
  }

  async seedDemo(organizationId: string, trx: TransactionClientContract) {
    const { seedDemoInvoicing } = await import('../app/services/demo_data.ts')
    await seedDemoInvoicing(organizationId, trx)
  }

  async removeDemo(organizationId: string, trx: TransactionClientContract) {
    const { removeDemoInvoicing } = await import('../app/services/demo_data.ts')
    await removeDemoInvoicing(organizationId, trx)
  }

  async installForOrganization(organizationId: string, trx: TransactionClientContract) {
    const { seedTaxGroups } = await import('../app/services/tax_groups.ts')
    await seedTaxGroups(organizationId, trx)
  }
}
