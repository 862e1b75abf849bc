import type { ApplicationService } from '@adonisjs/core/types'
import type { DomainModuleProvider } from '@ia/platform/contracts'
import type { ContactsDirectory } from '../contracts/contacts_directory.ts'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'contacts.directory': ContactsDirectory
  }
}

/** The contacts module: binds its directory for other modules, makes contacts searchable and registers its routes. */
export default class ContactsProvider implements DomainModuleProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    // Imported lazily: the directory pulls in services that exist only once the application has booted.
    this.app.container.singleton('contacts.directory', async () => {
      const { contactsDirectory } = await import('../contracts/contacts_directory.ts')
      return contactsDirectory
    })
  }

  async start() {
    // In start(), not boot(): the platform contracts need the router and database services.
    const { registerContactSearch } = await import('../app/services/contact_search.ts')
    registerContactSearch()
    await import('../start/routes.ts')
  }
}
