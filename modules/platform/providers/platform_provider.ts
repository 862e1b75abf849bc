import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ApplicationService } from '@adonisjs/core/types'
import type { defineConfig as TransmitDefineConfig } from '@adonisjs/transmit'
import { moduleCatalog } from '@ia/kernel/catalog'
import {
  eventListMismatches,
  type DomainModuleProvider,
  type DomainModuleProviderClass,
} from '@ia/kernel/contracts'
import { ModuleRegistry } from '../app/services/module_registry.ts'
import { FileStorage } from '../app/services/file_storage.ts'
import { platformConfig } from '../app/services/platform_config.ts'
import { SearchService } from '../app/services/search/search_service.ts'
import { NotificationsService } from '../app/services/notifications.ts'
import type { LiveChannels } from '../app/services/live/live_channels.ts'

/** The file, relative to a module's root, that declares its routes (loaded after the providers' start()). */
const MODULE_ROUTES_FILE = join('start', 'routes.ts')

type TransmitConfig = Parameters<typeof TransmitDefineConfig>[0]

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'platform.modules': ModuleRegistry
    'platform.files': FileStorage
    'platform.search': SearchService
    'platform.notifications': NotificationsService
    'platform.live': LiveChannels
  }
}

/**
 * The module kernel: discovers every domain module from its module.json, runs its provider's
 * lifecycle alongside the platform's own, and loads every module's routes (`start/routes.ts`).
 */
export default class PlatformProvider {
  readonly #modules = new Map<string, DomainModuleProvider>()

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton('platform.modules', async (resolver) => {
      const cache = await resolver.make('cache.manager')
      // The marketplace, when installed, binds the vendor modules; the platform never imports it.
      const vendorModules = async () =>
        this.app.container.hasBinding('kernel.vendorModules')
          ? resolver.make('kernel.vendorModules')
          : null
      return new ModuleRegistry(
        moduleCatalog,
        this.#modules,
        cache,
        platformConfig.modulesCacheTtl,
        this.app.inProduction,
        vendorModules
      )
    })
    this.app.container.singleton('platform.files', async (resolver) => {
      const drive = await resolver.make('drive.manager')
      return new FileStorage(drive.use(), { urlTtlSeconds: platformConfig.files.urlTtlSeconds })
    })
    // Bound rather than module-level instances, so a test can swap one before the application boots.
    this.app.container.singleton('platform.search', () => new SearchService())
    this.app.container.singleton('platform.notifications', () => new NotificationsService())
    this.app.container.singleton('platform.live', async () => {
      // Read through the module namespace: transmit's service is set once the application has booted.
      const transmit = await import('@adonisjs/transmit/services/main')
      const { LiveChannels } = await import('../app/services/live/live_channels.ts')
      return new LiveChannels(() => transmit.default)
    })
    this.#bindKernelPorts()
  }

  /** The platform's implementations of the kernel's ports, which modules reach through `@ia/kernel/contracts`. */
  #bindKernelPorts() {
    const container = this.app.container
    container.singleton('kernel.jobs', async () => (await import('../contracts/jobs.ts')).jobs)
    container.singleton('kernel.events', async () => (await import('../contracts/jobs.ts')).events)
    container.singleton('kernel.files', async () => (await import('../contracts/files.ts')).files)
    container.singleton('kernel.mail', async () => (await import('../contracts/mail.ts')).mails)
    container.singleton(
      'kernel.audit',
      async () => (await import('../app/services/audit_log.ts')).auditLog
    )
    container.singleton('kernel.notifications', (resolver) =>
      resolver.make('platform.notifications')
    )
    container.singleton('kernel.search', (resolver) => resolver.make('platform.search'))
    container.singleton(
      'kernel.openapi',
      async () => (await import('../app/openapi/registry.ts')).openApiRegistry
    )
    container.singleton(
      'kernel.authorizer',
      async () => (await import('../contracts/authorization.ts')).authorizer
    )
    container.singleton(
      'kernel.documents',
      async () => new (await import('../app/documents/typst_renderer.ts')).TypstRenderer()
    )
    container.singleton(
      'kernel.routeGuards',
      async () => (await import('../start/middleware.ts')).organizationRouteGuards
    )
    container.singleton(
      'kernel.idempotency',
      async () => (await import('../app/services/idempotency.ts')).idempotency
    )
    container.singleton(
      'kernel.organizations',
      async () => (await import('../contracts/organizations.ts')).organizationDirectory
    )
    container.singleton(
      'kernel.scopedTokens',
      async () => (await import('../app/services/scoped_tokens.ts')).scopedTokens
    )
  }

  async boot() {
    await import('../app/mails/platform_mails.ts')
    const { registerMailJob } = await import('../app/services/mail/transactional_mail.ts')
    registerMailJob()
    const { registerPasswordResetJob } = await import('../app/services/password_reset_requests.ts')
    registerPasswordResetJob()
    const { registerOrganizationFilesPurgeJob } = await import('../app/services/account_changes.ts')
    registerOrganizationFilesPurgeJob()
    const { registerOnboardingConsumers } = await import('../app/services/onboarding.ts')
    registerOnboardingConsumers()
    const { registerSampleDataJobs } = await import('../app/services/sample_data.ts')
    registerSampleDataJobs()
    for (const module of moduleCatalog.modules) {
      if (!module.provider) continue
      const url = pathToFileURL(join(module.root, module.provider)).href
      const { default: Provider } = (await import(url)) as { default: DomainModuleProviderClass }
      const provider = new Provider(this.app)
      provider.register?.()
      this.#modules.set(module.id, provider)
    }
    // A consumer relies on module.json's list: it must name exactly the events the module's contracts declare.
    const mismatches = moduleCatalog.modules.flatMap((module) =>
      eventListMismatches(
        module.id,
        module.events?.publishes ?? [],
        this.#modules.get(module.id)?.events
      )
    )
    if (mismatches.length)
      throw new Error(`Module events do not match their module.json:\n${mismatches.join('\n')}`)
    for (const provider of this.#modules.values()) await provider.boot?.()
  }

  async start() {
    await import('../start/routes.ts')
    await import('../start/live.ts')
    for (const provider of this.#modules.values()) await provider.start?.()
    // Every module's routes, by convention: a module whose provider would only load them needs none.
    for (const module of moduleCatalog.modules) {
      const routes = join(module.root, MODULE_ROUTES_FILE)
      if (existsSync(routes)) await import(pathToFileURL(routes).href)
    }
  }

  async ready() {
    const transport = () =>
      this.app.config.get<TransmitConfig>('transmit').transport?.driver() ?? null
    const { accessCache } = await import('../app/services/access_cache.ts')
    // The web process serves access from memory and hears other processes' changes on the transport live
    // events use; a worker or a command only tells the web processes what it changed.
    if (this.app.getEnvironment() === 'web') await accessCache.enable(transport())
    else if (this.app.getEnvironment() !== 'test') accessCache.publishThrough(transport)
    if (this.app.getEnvironment() === 'web') {
      const live = await this.app.container.make('platform.live')
      await live.start(this.app.config.get<TransmitConfig>('transmit').transport?.driver() ?? null)
      if (platformConfig.jobs.inWebProcess) {
        const { createWorker } = await import('../app/jobs/runtime.ts')
        const worker = createWorker()
        this.app.terminating(() => worker.stop())
        await worker.start()
      }
    }
    for (const provider of this.#modules.values()) await provider.ready?.()
  }

  async shutdown() {
    const live = await this.app.container.make('platform.live')
    await live.close()
    const { accessCache } = await import('../app/services/access_cache.ts')
    await accessCache.disable()
    for (const provider of this.#modules.values()) await provider.shutdown?.()
  }
}
