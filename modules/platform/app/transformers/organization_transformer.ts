import type Organization from '../models/organization.ts'
import type Membership from '../models/membership.ts'
import type Invitation from '../models/invitation.ts'

/** The public shape of an organisation. */
export function serializeOrganization(organization: Organization) {
  return {
    id: organization.id,
    name: organization.name,
    legalName: organization.legalName,
    rccm: organization.rccm,
    idNat: organization.idNat,
    nif: organization.nif,
    address: organization.address,
    city: organization.city,
    country: organization.country,
    phone: organization.phone,
    email: organization.email,
    defaultCurrency: organization.defaultCurrency,
    reportingCurrency: organization.reportingCurrency,
    locale: organization.locale,
    logoUrl: organization.logoPath ? `/api/v1/orgs/${organization.id}/logo` : null,
    createdAt: organization.createdAt.toISO(),
  }
}

/** The public shape of a member (membership with its user preloaded). */
export function serializeMember(membership: Membership) {
  return {
    id: membership.id,
    userId: membership.userId,
    fullName: membership.user.fullName,
    email: membership.user.email,
    role: membership.role,
    joinedAt: membership.createdAt.toISO(),
  }
}

/** The public shape of a pending invitation. */
export function serializeInvitation(invitation: Invitation) {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISO(),
    createdAt: invitation.createdAt.toISO(),
    lastSentAt: invitation.lastSentAt?.toISO() ?? null,
  }
}
