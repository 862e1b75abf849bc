import type Contact from '../models/contact.ts'

/** What the public shape is made of: a contact model, or a plain row read for a list (contactsPage). */
export type ContactAttributes = Pick<
  Contact,
  | 'id' | 'kind' | 'name' | 'isCustomer' | 'isSupplier' | 'email' | 'phone' | 'address' | 'city' | 'country' | 'rccm'
  | 'idNat' | 'nif' | 'preferredCurrency' | 'preferredLocale' | 'tags' | 'notes' | 'archivedAt' | 'createdAt' | 'updatedAt'
>

/** The public shape of a contact. */
export function serializeContact(contact: ContactAttributes) {
  return {
    id: contact.id,
    kind: contact.kind,
    name: contact.name,
    isCustomer: contact.isCustomer,
    isSupplier: contact.isSupplier,
    email: contact.email,
    phone: contact.phone,
    address: contact.address,
    city: contact.city,
    country: contact.country,
    rccm: contact.rccm,
    idNat: contact.idNat,
    nif: contact.nif,
    preferredCurrency: contact.preferredCurrency,
    preferredLocale: contact.preferredLocale,
    tags: contact.tags,
    notes: contact.notes,
    archivedAt: contact.archivedAt?.toISO() ?? null,
    createdAt: contact.createdAt.toISO(),
    updatedAt: contact.updatedAt.toISO(),
  }
}

/** The public shape of a contact. */
export type SerializedContact = ReturnType<typeof serializeContact>
