import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { organizations, type OrganizationProfile } from '@ia/kernel/contracts'
import { BCC_PAGE_URL } from './bcc_rates.ts'

/** The Banque Centrale du Congo publishes the day's indicative CDF rate: the source of a DR Congo organisation's rates. */
export const BCC_RATE_SOURCE = 'Banque Centrale du Congo - taux indicatif'

/** A rate source label for an organisation outside DR Congo, in its language. */
const MANUAL_SOURCE = { fr: 'Saisie manuelle', en: 'Entered by hand' } as const

/** What an organisation starts with: its default and reporting currency (CDF and USD in DR Congo), and its rate source. */
export function startingCurrencies(profile: OrganizationProfile) {
  const drc = profile.country === 'CD'
  const codes = new Set([
    profile.defaultCurrency,
    profile.reportingCurrency,
    ...(drc ? ['CDF', 'USD'] : []),
  ])
  return { codes: [...codes], rateSource: drc ? BCC_RATE_SOURCE : MANUAL_SOURCE[profile.locale] }
}

/** Gives an organisation its starting currencies and settings (idempotent), in the caller's transaction; a DR Congo organisation reads the BCC's page each day. */
export async function setUpOrganization(organizationId: string, trx: TransactionClientContract) {
  const profile = await organizations.find(organizationId, trx)
  if (!profile) throw new RangeError(`Unknown organisation ${organizationId}`)
  const { codes, rateSource } = startingCurrencies(profile)
  const providerUrl = profile.country === 'CD' ? BCC_PAGE_URL : null
  const now = new Date()
  await trx
    .insertQuery()
    .table('currencies.organization_currencies')
    .knexQuery.insert(
      codes.map((code) => ({ organization_id: organizationId, code, created_at: now }))
    )
    .onConflict(['organization_id', 'code'])
    .ignore()
  await trx
    .insertQuery()
    .table('currencies.settings')
    .knexQuery.insert({
      organization_id: organizationId,
      rate_source: rateSource,
      provider_url: providerUrl,
      updated_at: now,
    })
    .onConflict('organization_id')
    .ignore()
}

/** The organisation's rate settings; the defaults when the module was enabled before they existed. */
export async function rateSettings(organizationId: string, client: QueryClientContract) {
  const row = await client
    .from('currencies.settings')
    .where('organization_id', organizationId)
    .first()
  if (row)
    return {
      rateSource: row.rate_source as string,
      providerUrl: row.provider_url as string | null,
      providerFetchedAt: row.provider_fetched_at as Date | null,
      providerError: row.provider_error as string | null,
    }
  const profile = await organizations.find(organizationId, client)
  if (!profile) throw new RangeError(`Unknown organisation ${organizationId}`)
  return {
    rateSource: startingCurrencies(profile).rateSource,
    providerUrl: null,
    providerFetchedAt: null,
    providerError: null,
  }
}
