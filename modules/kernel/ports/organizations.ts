import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** What a module needs to know of an organisation to read, check and show its data. */
export type OrganizationProfile = {
  /** ISO 3166-1 alpha-2: where numbers written without a country are read, and whose formats apply. */
  country: string
  /** ISO 4217 codes the organisation works in, its default currency first. */
  currencies: string[]
  /** IANA time zone in which its dates are shown and exported, e.g. `Africa/Kinshasa`. */
  timeZone: string
}

/** Reads organisations' profiles for modules (which cannot read the platform's tables). */
export interface OrganizationProfiles {
  /** The profile of an organisation (through `client` when given); fails if the organisation does not exist. */
  get(organizationId: string, client?: QueryClientContract): Promise<OrganizationProfile>
}
