import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DomainModuleProvider, ScheduledJobPayload } from '@ia/kernel/contracts'
import type { CurrenciesService } from '../contracts/currencies_service.ts'
import { currenciesEvents } from '../contracts/events.ts'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'currencies.service': CurrenciesService
  }
}

/** The currencies module: binds its service for other modules, registers its routes, sets up an organisation's currencies. */
export default class CurrenciesProvider implements DomainModuleProvider {
  readonly events = currenciesEvents

  constructor(protected app: import('@adonisjs/core/types').ApplicationService) {}

  register() {
    this.app.container.singleton(
      'currencies.service',
      async () => (await import('../contracts/currencies_service.ts')).currenciesService
    )
  }

  async start() {
    const { jobs } = await import('@ia/kernel/contracts')
    const { FETCH_RATES_JOB, FETCH_RATES_SCHEDULE, fetchRates, queueDailyFetches } =
      await import('../app/jobs/fetch_rates.ts')
    jobs.register(FETCH_RATES_JOB, fetchRates, {
      title: 'currencies.jobs.fetchRates',
      maxAttempts: 3,
      backoffMs: 60_000,
    })
    const { IMPORT_RATES_JOB, importRates } = await import('../app/jobs/import_rates.ts')
    jobs.register(IMPORT_RATES_JOB, importRates, { title: 'currencies.jobs.importRates' })
    jobs.register<ScheduledJobPayload>(FETCH_RATES_SCHEDULE.name, (payload, context) =>
      queueDailyFetches(new Date(payload.slot), context.client)
    )
    jobs.schedule(FETCH_RATES_SCHEDULE.name, { cron: FETCH_RATES_SCHEDULE.cron })
    await import('../start/routes.ts')
  }

  async seedDemo(organizationId: string, trx: TransactionClientContract) {
    const { seedDemoRates } = await import('../app/services/demo_rates.ts')
    await seedDemoRates(organizationId, trx)
  }

  async installForOrganization(organizationId: string, trx: TransactionClientContract) {
    const { setUpOrganization } = await import('../app/services/organization_setup.ts')
    await setUpOrganization(organizationId, trx)
  }
}
