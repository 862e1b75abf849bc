import app from '@adonisjs/core/services/app'
import type { ModuleRegistry } from './module_registry.ts'

let registry: ModuleRegistry

await app.booted(async () => {
  registry = await app.container.make('platform.modules')
})

/** The application's module registry (resolved once the application has booted). */
export { registry as default }
