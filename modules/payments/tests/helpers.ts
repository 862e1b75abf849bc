import type { ApiClient } from '@japa/api-client'
import {
  createOwnerWithOrganization,
  enableModule,
  type Organization,
  type User,
} from '@ia/platform/testing'
import { LocalUnipesa, type LocalMerchant } from './support/unipesa_server.ts'

/** The account the local Unipesa knows, per organisation made by `createPaymentsOrganization`. */
export const merchantFor = (index: number): LocalMerchant => ({
  publicId: `pub-${index}`,
  merchantId: `merchant-${index}`,
  secretKey: `secret-key-${index}-0123456789abcdef0123456789abcdef`,
})

/** A local Unipesa that knows the first few test merchants. */
export function localUnipesa(options: { autoConfirmMs?: number } = {}) {
  return new LocalUnipesa([1, 2, 3].map(merchantFor), options)
}

/** The path of an organisation's payments API. */
export const paymentsUrl = (organization: Pick<Organization, 'id'>, rest = '') =>
  `/api/v1/orgs/${organization.id}/payments${rest}`

/** An owner with an organisation keeping its books in `currency`, with contacts, currencies, invoicing and payments enabled. */
export async function createPaymentsOrganization(options: { currency?: string } = {}) {
  const { owner, organization } = await createOwnerWithOrganization()
  organization.merge({
    defaultCurrency: options.currency ?? 'CDF',
    reportingCurrency: options.currency ?? 'CDF',
  })
  await organization.save()
  for (const moduleId of ['contacts', 'currencies', 'invoicing', 'payments'])
    await enableModule(organization, moduleId, owner)
  return { owner, organization }
}

/** Saves the organisation's Unipesa settings pointing at the local server. */
export async function configureUnipesa(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  server: LocalUnipesa,
  merchant: LocalMerchant,
  enabledProviders = [9, 10, 14, 17, 19]
) {
  const response = await client
    .put(paymentsUrl(organization, '/settings'))
    .json({
      baseUrl: server.url,
      publicId: merchant.publicId,
      merchantId: merchant.merchantId,
      secretKey: merchant.secretKey,
      enabledProviders,
      enabled: true,
    })
    .loginAs(owner)
    .withCsrfToken()
  response.assertStatus(200)
  return response.body().settings
}

/** An issued invoice of `amount` (tax group A, no tax) to a new customer, through the invoicing API. */
export async function issuedInvoice(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  amount = '25000',
  currency = 'CDF'
) {
  const customer = await client
    .post(`/api/v1/orgs/${organization.id}/contacts`)
    .json({ kind: 'company', name: 'Brasserie de Kinshasa', isCustomer: true, country: 'CD' })
    .loginAs(owner)
    .withCsrfToken()
  customer.assertStatus(201)
  const draft = await client
    .post(`/api/v1/orgs/${organization.id}/invoicing/documents`)
    .json({
      kind: 'invoice',
      customerId: customer.body().contact.id,
      currency,
      lines: [{ description: 'Bières', quantity: '1', unitPrice: amount, taxGroup: 'A' }],
    })
    .loginAs(owner)
    .withCsrfToken()
  draft.assertStatus(201)
  const issued = await client
    .post(`/api/v1/orgs/${organization.id}/invoicing/documents/${draft.body().document.id}/issue`)
    .loginAs(owner)
    .withCsrfToken()
  issued.assertStatus(200)
  return issued.body().document as { id: string; number: string; status: string }
}

/** The invoice as invoicing shows it. */
export async function invoiceOf(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  id: string
) {
  const response = await client
    .get(`/api/v1/orgs/${organization.id}/invoicing/documents/${id}`)
    .loginAs(owner)
  response.assertStatus(200)
  return response.body().document as { status: string; balance: string; paid: string }
}

/** The payments recorded on an invoice, as invoicing lists them. */
export async function invoicePayments(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  id: string
) {
  const response = await client
    .get(`/api/v1/orgs/${organization.id}/invoicing/documents/${id}/payments`)
    .loginAs(owner)
  response.assertStatus(200)
  return response.body().data as Array<{ method: string; reference: string; amount: string }>
}

/** The customer's payment link for an invoice, as its path on the API (`/api/v1/public/payments/<token>`). */
export async function paymentPagePath(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  documentId: string
) {
  const response = await client
    .post(paymentsUrl(organization, '/links'))
    .json({ documentId })
    .loginAs(owner)
    .withCsrfToken()
  response.assertStatus(200)
  return `/api/v1/public/payments/${encodeURIComponent(response.body().token)}`
}

/** The customer asks their phone to pay; answers the request's order id too (which only the organisation sees). */
export async function customerPays(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  pagePath: string,
  body: Record<string, unknown> = { providerId: 14, phone: '081 234 5678' }
) {
  const response = await client.post(`${pagePath}/requests`).json(body)
  if (response.status() !== 201) return { response, orderId: null as string | null }
  const requests = await client.get(paymentsUrl(organization, '/requests')).loginAs(owner)
  const request = requests
    .body()
    .data.find((candidate: { id: string }) => candidate.id === response.body().request.id)
  return { response, orderId: request.orderId as string }
}
