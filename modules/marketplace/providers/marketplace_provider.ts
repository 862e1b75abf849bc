import type { ApplicationService } from '@adonisjs/core/types'
import type { DomainModuleProvider } from '@ia/kernel/contracts'

/**
 * The marketplace: binds the kernel's vendor-modules port (so module administration and the shell
 * manifest show installed vendor modules without the platform importing this module), registers
 * its routes and its webhook deliveries.
 */
export default class MarketplaceProvider implements DomainModuleProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(
      'kernel.vendorModules',
      async () => (await import('../app/services/vendor_modules.ts')).vendorModules
    )
  }

  async start() {
    const { registerWebhooks } = await import('../app/services/webhooks.ts')
    registerWebhooks()
    await import('../start/routes.ts')
  }
}
