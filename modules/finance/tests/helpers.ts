import db from '@adonisjs/lucid/services/db'
import { createOwnerWithOrganization, enableModule } from '@ia/platform/testing'
import type { Organization } from '@ia/platform/testing'

/** An owner with an organisation that has currencies, contacts, invoicing and finance enabled, its books in `currency`. */
export async function createFinanceOrganization(
  options: { currency?: string; reportingCurrency?: string; name?: string } = {}
) {
  const { owner, organization } = await createOwnerWithOrganization(options.name)
  organization.merge({
    defaultCurrency: options.currency ?? 'CDF',
    reportingCurrency: options.reportingCurrency ?? options.currency ?? 'CDF',
  })
  await organization.save()
  for (const moduleId of ['contacts', 'currencies', 'invoicing', 'finance'])
    await enableModule(organization, moduleId, owner)
  return { owner, organization }
}

/** The path of an organisation's finance API. */
export const financeUrl = (organization: Pick<Organization, 'id'>, rest = '') =>
  `/api/v1/orgs/${organization.id}/finance${rest}`

/**
 * Inside a test's global transaction nothing commits, so the balance check (deferred to commit)
 * would never run: this makes it run at the end of each statement instead.
 */
export async function checkBalanceImmediately() {
  await db.rawQuery('SET CONSTRAINTS finance.entry_lines_balanced IMMEDIATE')
}

/** Debit minus credit per account code over the organisation's lines, in book minor units. */
export async function balancesByAccount(organizationId: string) {
  const { rows } = await db.rawQuery(
    `SELECT a.code, sum(l.debit_minor - l.credit_minor)::text AS balance
     FROM finance.entry_lines l JOIN finance.accounts a ON a.id = l.account_id
     WHERE l.organization_id = ? GROUP BY a.code`,
    [organizationId]
  )
  return Object.fromEntries(
    rows.map((row: { code: string; balance: string }) => [row.code, BigInt(row.balance)])
  )
}
