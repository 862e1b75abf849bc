import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ApplicationService } from '@adonisjs/core/types'
import { moduleCatalog } from '../kernel/module_catalog.ts'
import type { DomainModuleProvider, DomainModuleProviderClass } from '../contracts/domain_module.ts'
import { ModuleRegistry } from '../app/services/module_registry.ts'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'platform.modules': ModuleRegistry
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
    this.app.container.singleton('platform.modules', () => new ModuleRegistry(moduleCatalog, this.#modules))
  }

  async boot() {
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
    for (const provider of this.#modules.values()) await provider.start?.()
  }

  async ready() {
    for (const provider of this.#modules.values()) await provider.ready?.()
  }

  async shutdown() {
    for (const provider of this.#modules.values()) await provider.shutdown?.()
  }
}
