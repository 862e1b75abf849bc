import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import {
  events,
  formatPhoneNumber,
  phoneSearchKeywords,
  search,
  tenantContext,
  type SearchDocumentInput,
} from '@ia/kernel/contracts'
import Contact from '../models/contact.ts'

/** The search record type of contacts. */
export const CONTACT_SEARCH_TYPE = 'contacts.contact'

const PAGE = 500

/**
 * What the global search knows of a contact: its name, where and how to reach it (the phone number
 * formatted for reading, and indexed in every form a person types it), its identifiers.
 */
export function contactSearchDocument(contact: Contact): SearchDocumentInput {
  const phone = contact.phone ? formatPhoneNumber(contact.phone) : null
  return {
    title: contact.name,
    subtitle: [contact.city, contact.email, phone].filter(Boolean).join(' · ') || null,
    body: [contact.address, contact.notes].filter(Boolean).join('\n') || null,
    url: `/contacts/${contact.id}`,
    keywords: [
      contact.email,
      ...(contact.phone ? phoneSearchKeywords(contact.phone) : []),
      contact.rccm,
      contact.idNat,
      contact.nif,
      ...contact.tags,
    ].filter((keyword): keyword is string => Boolean(keyword)),
  }
}

/** Every active contact of the current organisation, page by page (through `client` when given). */
async function* activeContacts(
  client?: QueryClientContract
): AsyncGenerator<{ id: string } & SearchDocumentInput> {
  let after: string | null = null
  while (true) {
    const query = Contact.query({ client }).whereNull('archived_at').orderBy('id').limit(PAGE)
    if (after) query.where('id', '>', after)
    const contacts = await query
    for (const contact of contacts) yield { id: contact.id, ...contactSearchDocument(contact) }
    if (contacts.length < PAGE) return
    after = contacts[contacts.length - 1].id
  }
}

/**
 * Brings a contact's search document in line with the contact as it is now: indexed while active,
 * removed once archived or gone. Reading the current row makes late or repeated events harmless.
 */
export async function syncContactSearch(
  organizationId: string,
  contactId: string,
  client?: QueryClientContract
) {
  const contact = await tenantContext.run(organizationId, () => Contact.find(contactId, { client }))
  if (!contact || contact.archivedAt) {
    await search.remove(organizationId, CONTACT_SEARCH_TYPE, contactId, { client })
    return
  }
  await search.index(
    organizationId,
    CONTACT_SEARCH_TYPE,
    contact.id,
    contactSearchDocument(contact),
    { client }
  )
}

/** The contact events that change what the search shows; each carries the contact's id. */
export const CONTACT_SEARCH_EVENTS = [
  'contacts.contact.created',
  'contacts.contact.updated',
  'contacts.contact.archived',
] as const

/** Makes contacts searchable and keeps the index in step with their events (called from the module's provider). */
export function registerContactSearch() {
  search.registerType({
    type: CONTACT_SEARCH_TYPE,
    moduleId: 'contacts',
    permission: 'contacts.contact.read',
    reindex: (_organizationId, client) => activeContacts(client),
  })
  for (const event of CONTACT_SEARCH_EVENTS) {
    events.subscribe(event, 'contacts.search', (payload, meta) =>
      syncContactSearch(meta.organizationId, payload.contactId, meta.client)
    )
  }
}
