import {
  defineSerializer,
  isoTimestamp,
  isoTimestampOrNull,
  Type,
  wire,
} from '@ia/kernel/contracts'
import { CONTACT_KINDS, CONTACT_LOCALES, type default as Contact } from '../models/contact.ts'

/** What the public shape is made of: a contact model, or a plain row read for a list (contactsPage). */
export type ContactAttributes = Pick<
  Contact,
  | 'id'
  | 'kind'
  | 'name'
  | 'isCustomer'
  | 'isSupplier'
  | 'email'
  | 'phone'
  | 'address'
  | 'city'
  | 'country'
  | 'rccm'
  | 'idNat'
  | 'nif'
  | 'preferredCurrency'
  | 'preferredLocale'
  | 'tags'
  | 'notes'
  | 'archivedAt'
  | 'createdAt'
  | 'updatedAt'
>

/** The public shape of a contact: the serializer and the `Contact` schema of the API reference. */
export const serializeContact = defineSerializer(
  'Contact',
  Type.Object(
    {
      id: wire.uuid(),
      kind: wire.oneOf(CONTACT_KINDS),
      name: Type.String(),
      isCustomer: Type.Boolean(),
      isSupplier: Type.Boolean(),
      email: wire.text(),
      phone: wire.text('E.164, e.g. `+243810000000`.'),
      address: wire.text(),
      city: wire.text(),
      country: wire.text('ISO 3166-1 alpha-2 code.'),
      rccm: wire.text('Trade register number (RCCM).'),
      idNat: wire.text('National identification number.'),
      nif: wire.text('Tax identification number (NIF).'),
      preferredCurrency: wire.text('ISO 4217 code.'),
      preferredLocale: wire.oneOfOrNull(CONTACT_LOCALES),
      tags: Type.Array(Type.String(), { description: 'Lower-case.' }),
      notes: wire.text(),
      archivedAt: wire.dateTimeOrNull(),
      createdAt: wire.dateTime(),
      updatedAt: wire.dateTime(),
    },
    { description: 'A customer or supplier of the organisation, company or person.' }
  ),
  (contact: ContactAttributes) => ({
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
    archivedAt: isoTimestampOrNull(contact.archivedAt),
    createdAt: isoTimestamp(contact.createdAt),
    updatedAt: isoTimestamp(contact.updatedAt),
  })
)

/** The public shape of a contact. */
export type SerializedContact = ReturnType<typeof serializeContact>
