import { tenantContext } from '@ia/kernel/contracts'
import {
  addMember,
  createOwnerWithOrganization,
  createUser,
  enableModule,
} from '@ia/platform/testing'
import Contact from '../app/models/contact.ts'
import { type NewContact, newContactAttributes } from '../app/services/contact_rules.ts'

/** An owner with an organisation that has the contacts module enabled. */
export async function createContactsOrganization(name?: string) {
  const { owner, organization } = await createOwnerWithOrganization(name)
  await enableModule(organization, 'contacts', owner)
  return { owner, organization }
}

/** A user holding the plain `member` role in `organization`. */
export async function createMember(
  organization: Parameters<typeof addMember>[0],
  locale: 'fr' | 'en' = 'fr'
) {
  const member = await createUser({ locale })
  await addMember(organization, member, 'member')
  return member
}

/** Stores a contact straight in the database, for tests that need existing data. */
export async function insertContact(
  organizationId: string,
  input: Partial<NewContact> & { name: string }
) {
  return tenantContext.run(organizationId, () =>
    Contact.create(newContactAttributes({ kind: 'company', ...input }))
  )
}

/** The path of the contacts API of an organisation. */
export const contactsUrl = (organizationId: string, rest = '') =>
  `/api/v1/orgs/${organizationId}/contacts${rest}`
