import type { ApiClient } from '@japa/api-client'
import {
  createOwnerWithOrganization,
  enableModule,
  type Organization,
  type User,
} from '@ia/platform/testing'
import { publicLinks } from '../app/services/public_links.ts'

/** The token of a document's customer link, as the emailed link carries it. */
export const customerLinkToken = (organizationId: string, documentId: string) =>
  publicLinks.token({ organizationId, documentId })

/** An owner with an organisation that has contacts, currencies and invoicing enabled, keeping its books and reports in `currency`. */
export async function createInvoicingOrganization(
  options: { currency?: string; reportingCurrency?: string; name?: string } = {}
) {
  const { owner, organization } = await createOwnerWithOrganization(options.name)
  organization.merge({
    defaultCurrency: options.currency ?? 'CDF',
    reportingCurrency: options.reportingCurrency ?? options.currency ?? 'CDF',
  })
  await organization.save()
  for (const moduleId of ['contacts', 'currencies', 'invoicing'])
    await enableModule(organization, moduleId, owner)
  return { owner, organization }
}

/** The path of an organisation's invoicing API. */
export const invoicingUrl = (organization: Pick<Organization, 'id'>, rest = '') =>
  `/api/v1/orgs/${organization.id}/invoicing${rest}`

/** A customer made through the contacts API, as a user would. */
export async function createCustomer(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  fields: Record<string, unknown> = {}
): Promise<string> {
  const response = await client
    .post(`/api/v1/orgs/${organization.id}/contacts`)
    .json({
      kind: 'company',
      name: 'Brasserie de Kinshasa',
      isCustomer: true,
      country: 'CD',
      ...fields,
    })
    .loginAs(owner)
    .withCsrfToken()
  response.assertStatus(201)
  return response.body().contact.id
}

/** A draft through the API; its body answered as is. */
export function createDraft(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  body: Record<string, unknown>
) {
  return client
    .post(invoicingUrl(organization, '/documents'))
    .json({ kind: 'invoice', ...body })
    .loginAs(owner)
    .withCsrfToken()
}

/** Issues a document through the API. */
export function issue(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  documentId: string,
  key?: string
) {
  const request = client
    .post(invoicingUrl(organization, `/documents/${documentId}/issue`))
    .loginAs(owner)
    .withCsrfToken()
  if (key) request.header('Idempotency-Key', key)
  return request
}

/** Records a day's exchange rate through the currencies API (1 `base` = `rate` `quote`). */
export async function recordRate(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  base: string,
  quote: string,
  rate: string,
  date: string
) {
  const response = await client
    .post(`/api/v1/orgs/${organization.id}/currencies/rates`)
    .json({ baseCurrency: base, quoteCurrency: quote, rate, date })
    .loginAs(owner)
    .withCsrfToken()
  if (response.status() !== 201) throw new Error(`Rate refused: ${JSON.stringify(response.body())}`)
}
