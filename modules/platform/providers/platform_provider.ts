import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ApplicationService } from '@adonisjs/core/types'
import type { defineConfig as TransmitDefineConfig } from '@adonisjs/transmit'
import { moduleCatalog } from '../kernel/module_catalog.ts'
import type { DomainModuleProvider, DomainModuleProviderClass } from '../contracts/domain_module.ts'
import { ModuleRegistry } from '../app/services/module_registry.ts'
import { FileStorage } from '../app/services/file_storage.ts'
import { platformConfig } from '../app/services/platform_config.ts'

type TransmitConfig = Parameters<typeof TransmitDefineConfig>[0]

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'platform.modules': ModuleRegistry
    'platform.files': FileStorage
  }
}

/**
 * The module kernel: discovers every domain module from its module.json, runs its provider's
 * lifecycle alongside the platform's own, and loads the platform routes.
 */
export default class PlatformProvider {
  readonly #modules = new Map<string, DomainModuleProvider>()

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton('platform.modules', async (resolver) => {
      const cache = await resolver.make('cache.manager')
      return new ModuleRegistry(moduleCatalog, this.#modules, cache, platformConfig.modulesCacheTtl, this.app.inProduction)
    })
    this.app.container.singleton('platform.files', async (resolver) => {
      const drive = await resolver.make('drive.manager')
      return new FileStorage(drive.use(), { urlTtlSeconds: platformConfig.files.urlTtlSeconds })
    })
  }

  async boot() {
    await import('../app/mails/platform_mails.ts')
    const { registerMailJob } = await import('../app/services/mail/transactional_mail.ts')
    registerMailJob()
    const { registerPasswordResetJob } = await import('../app/services/password_reset_requests.ts')
    registerPasswordResetJob()
    const { registerOnboardingConsumers } = await import('../app/services/onboarding.ts')
    registerOnboardingConsumers()
    for (const module of moduleCatalog.modules) {
      if (!module.provider) continue
      const url = pathToFileURL(join(module.root, module.provider)).href
      const { default: Provider } = (await import(url)) as { default: DomainModuleProviderClass }
      const provider = new Provider(this.app)
      provider.register?.()
      this.#modules.set(module.id, provider)
    }
    for (const provider of this.#modules.values()) await provider.boot?.()
  }

  async start() {
    await import('../start/routes.ts')
    await import('../start/live.ts')
    for (const provider of this.#modules.values()) await provider.start?.()
  }

  async ready() {
    if (this.app.getEnvironment() === 'web') {
      const { live } = await import('../app/services/live/live.ts')
      await live.start(this.app.config.get<TransmitConfig>('transmit').transport?.driver() ?? null)
      if (this.app.config.get<boolean>('platform.jobs.inWebProcess')) {
        const { createWorker } = await import('../app/jobs/runtime.ts')
        const worker = createWorker()
        this.app.terminating(() => worker.stop())
        await worker.start()
      }
    }
    for (const provider of this.#modules.values()) await provider.ready?.()
  }

  async shutdown() {
    const { live } = await import('../app/services/live/live.ts')
    await live.close()
    for (const provider of this.#modules.values()) await provider.shutdown?.()
  }
}
