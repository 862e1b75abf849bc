import type { ApplicationService } from '@adonisjs/core/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DomainModuleProvider } from '@ia/kernel/contracts'
import type { ContactsDirectory } from '../contracts/contacts_directory.ts'
import type { ImportContactsPayload } from '../app/actions/import_contacts.ts'
import { contactsEvents } from '../contracts/events.ts'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    'contacts.directory': ContactsDirectory
  }
}

/** The contacts module: binds its directory for other modules, makes contacts searchable, registers its jobs and routes, seeds and removes demo contacts. */
export default class ContactsProvider implements DomainModuleProvider {
  readonly events = contactsEvents

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
    const { jobs } = await import('@ia/kernel/contracts')
    const { IMPORT_CONTACTS_JOB, ImportContacts } =
      await import('../app/actions/import_contacts.ts')
    jobs.register(IMPORT_CONTACTS_JOB, (payload: ImportContactsPayload, context) =>
      new ImportContacts().handle(payload, context)
    )
  }

  async seedDemo(organizationId: string, trx: TransactionClientContract) {
    const { seedDemoContacts } = await import('../contracts/demo_contacts.ts')
    await seedDemoContacts(organizationId, trx)
  }

  async removeDemo(organizationId: string, trx: TransactionClientContract) {
    const { removeDemoContacts } = await import('../contracts/demo_contacts.ts')
    await removeDemoContacts(organizationId, trx)
  }
}
