/*
 * The contacts module's public surface: the only contacts code other modules may import.
 */
export {
  contactsDirectory,
  type ContactsDirectory,
  type ContactSummary,
  type ContactRequirements,
} from './contacts_directory.ts'
export { seedDemoContacts } from './demo_contacts.ts'
export {
  contactsEvents,
  type ContactCreated,
  type ContactUpdated,
  type ContactArchived,
} from './events.ts'
