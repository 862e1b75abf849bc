import type { ApiClient } from '@japa/api-client'
import { extractText, getDocumentProxy } from 'unpdf'
import { enableModule, runQueuedJobs, type Organization, type User } from '@ia/platform/testing'
import {
  createCustomer,
  createDraft,
  createInvoicingOrganization,
  invoicingUrl,
  issue,
} from '@ia/invoicing/testing'
import { EmcfServer } from './emcf_server.ts'

export { createCustomer, createDraft, invoicingUrl, issue, runQueuedJobs }

/** The path of an organisation's fiscal API. */
export const fiscalUrl = (organization: Pick<Organization, 'id'>, rest = '') =>
  `/api/v1/orgs/${organization.id}/fiscal${rest}`

/** An organisation in CDF with invoicing and fiscal enabled, a local e-MCF started, and normalisation on against it. */
export async function normalisingOrganization(client: ApiClient, server = new EmcfServer()) {
  const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
  organization.merge({ legalName: 'Kin Commerce SARL', nif: server.options.nif })
  await organization.save()
  await enableModule(organization, 'fiscal', owner)
  const baseUrl = await server.start()
  const saved = await client
    .put(fiscalUrl(organization, '/settings'))
    .json({
      enabled: true,
      environment: 'test',
      baseUrl,
      nif: server.options.nif,
      isf: server.options.isf,
      token: server.options.token,
    })
    .loginAs(owner)
    .withCsrfToken()
  saved.assertStatus(200)
  return { owner, organization, server }
}

/** Issues an invoice of 2 x 1,000.00 (B, 16 %) + 500.00 (A) = 2,820.00 CDF to a company with a NIF; answers its id and number. */
export async function issuedInvoice(
  client: ApiClient,
  owner: User,
  organization: Organization,
  customer: Record<string, unknown> = { nif: 'A0700001X' }
) {
  const customerId = await createCustomer(client, owner, organization, customer)
  const draft = await createDraft(client, owner, organization, {
    customerId,
    paymentTermsDays: 30,
    lines: [
      { description: 'Casier de boissons', quantity: '2', unitPrice: '1000', taxGroup: 'B' },
      { description: 'Livraison', quantity: '1', unitPrice: '500', taxGroup: 'A' },
    ],
  })
  draft.assertStatus(201)
  const issued = await issue(client, owner, organization, draft.body().document.id)
  issued.assertStatus(200)
  return issued.body().document as { id: string; number: string; customerId: string }
}

/** The normalisation of a document, through the API. */
export async function normalisationOf(
  client: ApiClient,
  owner: User,
  organization: Organization,
  documentId: string
) {
  const response = await client
    .get(fiscalUrl(organization, `/documents/${documentId}/normalisation`))
    .loginAs(owner)
  response.assertStatus(200)
  return response.body().normalisation
}

/** The text of a PDF, spaces made plain. */
export async function textOf(pdf: Buffer) {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
    mergePages: true,
  })
  return text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ')
}
