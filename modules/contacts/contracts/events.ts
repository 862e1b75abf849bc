import { defineEvents, payload, type EventPayloads } from '@ia/kernel/contracts'
import type { ContactKind } from '../app/models/contact.ts'

/** A contact was created, one by one or by an import. */
export type ContactCreated = {
  contactId: string
  kind: ContactKind
  name: string
  isCustomer: boolean
  isSupplier: boolean
}
/** Some fields of a contact changed (unarchiving is a change of `archivedAt`). */
export type ContactUpdated = { contactId: string; fields: string[] }
/** A contact was archived. */
export type ContactArchived = { contactId: string }

/** The events the contacts module publishes (module.json's `events.publishes` names the same). */
export const contactsEvents = defineEvents('contacts', {
  'contacts.contact.created': payload<ContactCreated>(),
  'contacts.contact.updated': payload<ContactUpdated>(),
  'contacts.contact.archived': payload<ContactArchived>(),
})

declare module '@ia/kernel/contracts' {
  interface DomainEvents extends EventPayloads<typeof contactsEvents> {}
}
