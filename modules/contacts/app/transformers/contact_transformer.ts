import type Contact from '../models/contact.ts'

/** The public shape of a contact. */
export function serializeContact(contact: Contact) {
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
