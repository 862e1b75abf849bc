import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { OrganizationProfile, OrganizationProfiles } from '@ia/kernel/contracts'
import Organization from '../models/organization.ts'

/** The profile of an organisation as modules see it. */
export function organizationProfile(organization: Organization): OrganizationProfile {
  const currencies = [organization.defaultCurrency, organization.reportingCurrency].filter((code): code is string => Boolean(code))
  return { country: organization.country, currencies: [...new Set(currencies)], timeZone: organization.timeZone }
}

/** Reads organisations' profiles from the platform's table (the `kernel.organizations` port). */
export const organizationProfiles: OrganizationProfiles = {
  async get(organizationId: string, client?: QueryClientContract) {
    return organizationProfile(await Organization.findOrFail(organizationId, { client }))
  },
}
