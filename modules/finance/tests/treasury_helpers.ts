import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import {
  createOwnerWithOrganization,
  enableModule,
  type Organization,
  type User,
} from '@ia/platform/testing'

/** An owner with an organisation keeping its books in CDF and reporting in USD (1 USD = 2,800 CDF since December 2025), with finance enabled. */
export async function createTreasuryOrganization(client: ApiClient, name?: string) {
  const { owner, organization } = await createOwnerWithOrganization(name)
  organization.merge({ defaultCurrency: 'CDF', reportingCurrency: 'USD' })
  await organization.save()
  for (const moduleId of ['contacts', 'currencies', 'invoicing', 'finance'])
    await enableModule(organization, moduleId, owner)
  await recordRate(client, owner, organization, 'USD', 'CDF', '2800', '2025-12-01')
  return { owner, organization }
}

/** The path of an organisation's finance API. */
export const financeUrl = (organization: Pick<Organization, 'id'>, rest = '') =>
  `/api/v1/orgs/${organization.id}/finance${rest}`

/** Records 1 `base` = `rate` `quote` on `date` through the currencies API. */
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
  response.assertStatus(201)
}

/** A POST/PATCH/PUT as the owner, answered as is. */
export function send(
  client: ApiClient,
  owner: User,
  method: 'post' | 'patch' | 'put',
  url: string,
  body: Record<string, unknown> = {}
) {
  return client[method](url).json(body).loginAs(owner).withCsrfToken()
}

/** Opens a treasury account through the API and answers it. */
export async function openAccount(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  body: Record<string, unknown>
) {
  const response = await send(
    client,
    owner,
    'post',
    financeUrl(organization, '/treasury-accounts'),
    {
      openingDate: '2026-01-01',
      ...body,
    }
  )
  if (response.status() !== 201)
    throw new Error(`Account refused: ${JSON.stringify(response.body())}`)
  return response.body().account as {
    id: string
    accountCode: string
    balance: string
    currency: string
  }
}

/** The organisation's category with this key. */
export async function category(
  client: ApiClient,
  owner: User,
  organization: Pick<Organization, 'id'>,
  key: string
): Promise<{ id: string; accountCode: string }> {
  const response = await client.get(financeUrl(organization, '/categories')).loginAs(owner)
  response.assertStatus(200)
  const found = response.body().data.find((row: { key: string }) => row.key === key)
  if (!found) throw new Error(`No category ${key}`)
  return found
}

/** The lines of an entry: account code, debit and credit in minor units of the book currency. */
export async function entryLines(entryId: string) {
  const rows = await db
    .from('finance.entry_lines as l')
    .join('finance.accounts as a', 'a.id', 'l.account_id')
    .where('l.entry_id', entryId)
    .orderBy('l.line_no')
    .select('a.code', 'l.debit_minor', 'l.credit_minor', 'l.currency', 'l.amount_minor')
  return rows.map((row) => ({
    code: row.code as string,
    debit: BigInt(row.debit_minor),
    credit: BigInt(row.credit_minor),
    currency: row.currency as string,
    amount: BigInt(row.amount_minor),
  }))
}

/** How many rows of a finance table belong to the organisation. */
export async function countRows(table: string, organizationId: string) {
  const row = await db
    .from(`finance.${table}`)
    .where('organization_id', organizationId)
    .count('* as total')
    .firstOrFail()
  return Number(row.total)
}
