import db from '@adonisjs/lucid/services/db'
import { createOwnerWithOrganization, enableModule } from '@ia/platform/testing'

/** An owner with an organisation (DR Congo, CDF, reporting in USD) that has the currencies module enabled. */
export async function createCurrenciesOrganization(name?: string) {
  const { owner, organization } = await createOwnerWithOrganization(name)
  await enableModule(organization, 'currencies', owner)
  return { owner, organization }
}

/** Stores rates straight in the database: [base, quote, rate, date, source?]. */
export async function insertRates(
  organizationId: string,
  rates: Array<[string, string, string, string, string?]>
) {
  const now = new Date()
  await db.table('currencies.rates').multiInsert(
    rates.map(([base, quote, rate, date, source]) => ({
      organization_id: organizationId,
      base_currency: base,
      quote_currency: quote,
      rate,
      rate_date: date,
      source: source ?? 'Banque Centrale du Congo - taux indicatif',
      origin: 'manual',
      created_at: now,
      updated_at: now,
    }))
  )
}

/** The path of the currencies API of an organisation. */
export const currenciesUrl = (organizationId: string, rest = '') =>
  `/api/v1/orgs/${organizationId}/currencies${rest}`
