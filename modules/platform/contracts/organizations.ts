import type { OrganizationDirectory, OrganizationProfile } from '@ia/kernel/contracts'
import Organization from '../app/models/organization.ts'
import { auditLog } from '../app/services/audit_log.ts'

function toProfile(organization: Organization): OrganizationProfile {
  const {
    id,
    name,
    legalName,
    rccm,
    idNat,
    nif,
    address,
    city,
    country,
    phone,
    email,
    locale,
    defaultCurrency,
    reportingCurrency,
    logoPath,
    timeZone,
  } = organization
  return {
    id,
    name,
    legalName,
    rccm,
    idNat,
    nif,
    address,
    city,
    country,
    phone,
    email,
    locale,
    defaultCurrency,
    reportingCurrency,
    logoPath,
    timeZone,
  }
}

/** The platform's implementation of the kernel's organisations port. */
export const organizationDirectory: OrganizationDirectory = {
  async find(organizationId, client) {
    const organization = await Organization.query({ client }).where('id', organizationId).first()
    return organization ? toProfile(organization) : null
  },

  async setCurrencies(organizationId, currencies, actorId, trx) {
    const organization = await Organization.query({ client: trx })
      .where('id', organizationId)
      .forUpdate()
      .firstOrFail()
    organization.merge(currencies)
    const changed = Object.keys(organization.$dirty)
    if (!changed.length) return
    await organization.save()
    await auditLog.record(
      {
        organizationId,
        actorId,
        action: 'organization.updated',
        subjectType: 'organization',
        subjectId: organizationId,
        metadata: { fields: changed },
      },
      trx
    )
  },
}
