import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { tenantContext } from '@ia/kernel/contracts'
import { serializeContact } from '../app/transformers/contact_transformer.ts'
import Contact from '../app/models/contact.ts'
import { contactErrors } from '../app/errors.ts'

/** What other modules see of a contact (an invoice's customer, an order's supplier...). */
export type ContactSummary = {
  id: string
  kind: 'company' | 'person'
  name: string
  isCustomer: boolean
  isSupplier: boolean
  email: string | null
  phone: string | null
  address: string | null
  city: string | null
  country: string | null
  rccm: string | null
  idNat: string | null
  nif: string | null
  preferredCurrency: string | null
  preferredLocale: 'fr' | 'en' | null
  archived: boolean
}

/** What a contact must be for `assertContactBelongs` to accept it. */
export type ContactRequirements = {
  /** Name of the request field that carried the id, for the 422. Defaults to `contactId`. */
  field?: string
  /** The contact must be flagged as a customer, or as a supplier. */
  role?: 'customer' | 'supplier'
  /** Archived contacts are refused unless this is true (e.g. when reading an old invoice). */
  allowArchived?: boolean
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function toSummary(contact: Contact): ContactSummary {
  const { tags, notes, archivedAt, createdAt, updatedAt, ...summary } = serializeContact(contact)
  return { ...summary, archived: archivedAt !== null }
}

/** Runs a contacts query for an explicitly named organisation, whatever the ambient one; `work` must start the query. */
function forOrganization<T>(organizationId: string, work: () => Promise<T>) {
  return tenantContext.run(organizationId, work)
}

/** Reads contacts for other modules; the organisation is always explicit and foreign ids look unknown. */
export const contactsDirectory = {
  /** The contact `contactId` of `organizationId`, or null when unknown there. */
  async findForOrganization(
    organizationId: string,
    contactId: string,
    client?: QueryClientContract
  ) {
    if (!UUID.test(contactId)) return null
    const contact = await forOrganization(organizationId, () =>
      Contact.query({ client }).where('id', contactId).first()
    )
    return contact ? toSummary(contact) : null
  },

  /** The contacts of `organizationId` among `contactIds`, by id (unknown ids are absent): one query for a whole list. */
  async findManyForOrganization(
    organizationId: string,
    contactIds: string[],
    client?: QueryClientContract
  ) {
    const ids = [...new Set(contactIds.filter((id) => UUID.test(id)))]
    if (!ids.length) return new Map<string, ContactSummary>()
    const contacts = await forOrganization(organizationId, () =>
      Contact.query({ client }).whereIn('id', ids).exec()
    )
    return new Map(contacts.map((contact) => [contact.id, toSummary(contact)]))
  },

  /** The sample customers of `organizationId` (made by the demo data), by name: what other modules' sample data is for. */
  async sampleCustomers(organizationId: string, client?: QueryClientContract) {
    const contacts = await forOrganization(organizationId, () =>
      Contact.query({ client })
        .where('is_sample', true)
        .where('is_customer', true)
        .whereNull('archived_at')
        .orderBy('name')
        .exec()
    )
    return contacts.map(toSummary)
  },

  /**
   * The contact `contactId` of `organizationId`; a 422 on `field` when it is unknown there, belongs
   * to another organisation, is archived, or lacks the required role.
   */
  async assertContactBelongs(
    organizationId: string,
    contactId: string,
    requirements: ContactRequirements = {},
    client?: QueryClientContract
  ) {
    const contact = await this.findForOrganization(organizationId, contactId, client)
    const fits =
      contact &&
      (requirements.allowArchived || !contact.archived) &&
      (requirements.role !== 'customer' || contact.isCustomer) &&
      (requirements.role !== 'supplier' || contact.isSupplier)
    if (!fits) throw contactErrors.contactNotFound(requirements.field ?? 'contactId')
    return contact
  },
}

/** The directory's type, for the container binding. */
export type ContactsDirectory = typeof contactsDirectory
