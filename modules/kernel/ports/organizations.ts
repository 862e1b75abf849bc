import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'

/** What a module may read of an organisation: its identity, legal mentions, country, language and currencies. */
export type OrganizationProfile = {
  id: string
  name: string
  legalName: string | null
  rccm: string | null
  idNat: string | null
  nif: string | null
  address: string | null
  city: string | null
  /** ISO 3166-1 alpha-2, e.g. `CD`. */
  country: string
  phone: string | null
  email: string | null
  locale: 'fr' | 'en'
  /** ISO 4217 code the organisation keeps its books and issues its documents in by default. */
  defaultCurrency: string
  /** ISO 4217 code its reports are expressed in. */
  reportingCurrency: string
  /** IANA time zone in which its dates are shown and exported, e.g. `Africa/Kinshasa`. */
  timeZone: string
  /** Where its logo is in its file store (`files.get(id, logoPath)`), or null without one. */
  logoPath: string | null
}

/** The organisations, as the platform owns them; modules never read its tables. */
export interface OrganizationDirectory {
  /** The organisation's profile, or null when it does not exist. */
  find(organizationId: string, client?: QueryClientContract): Promise<OrganizationProfile | null>
  /** The full names of those of `userIds` who are members of the organisation (others are absent): one query for a whole timeline. */
  memberNames(
    organizationId: string,
    userIds: string[],
    client?: QueryClientContract
  ): Promise<Map<string, string>>
  /** Whether the organisation has `moduleId` enabled: what a module's public pages (reached by a link, not by `:orgId`) check. */
  moduleEnabled(organizationId: string, moduleId: string): Promise<boolean>
  /** Changes the default and reporting currency, in the caller's transaction, audited as a change of the organisation. */
  setCurrencies(
    organizationId: string,
    currencies: { defaultCurrency: string; reportingCurrency: string },
    actorId: string | null,
    trx: TransactionClientContract
  ): Promise<void>
}
