import type { OrganizationDirectory, OrganizationProfile } from '@ia/kernel/contracts'
import db from '@adonisjs/lucid/services/db'
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

  async memberNames(organizationId, userIds, client) {
    const ids = [...new Set(userIds)]
    if (!ids.length) return new Map()
    const rows: { id: string; full_name: string }[] = await (client ?? db.connection())
      .from('platform.users')
      .join('platform.memberships', 'platform.memberships.user_id', 'platform.users.id')
      .where('platform.memberships.organization_id', organizationId)
      .whereIn('platform.users.id', ids)
      .select('platform.users.id', 'platform.users.full_name')
    return new Map(rows.map((row) => [row.id, row.full_name]))
  },

  async moduleEnabled(organizationId, moduleId) {
    const { default: registry } = await import('../app/services/module_registry_service.ts')
    return registry.isEnabled(organizationId, moduleId)
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
