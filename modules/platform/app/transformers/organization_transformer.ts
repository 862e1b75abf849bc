import type Organization from '../models/organization.ts'
import type Membership from '../models/membership.ts'
import type Invitation from '../models/invitation.ts'
import { ROLES } from '../models/membership.ts'
import { CURRENCIES } from '../validators/organization.ts'
import {
  defineSerializer,
  isoTimestamp,
  isoTimestampOrNull,
  Type,
  wire,
} from '@ia/kernel/contracts'

// The currency columns are plain strings that the validators keep to CURRENCIES: the wire names the list.
const currency = Type.Unsafe<string>({ enum: [...CURRENCIES] })
const currencyOrNull = Type.Unsafe<string | null>({ enum: [...CURRENCIES, null] })
const INVITED_ROLES = ROLES.filter(
  (role): role is Exclude<(typeof ROLES)[number], 'owner'> => role !== 'owner'
)

/** The public shape of an organisation (the `Organization` schema). */
export const serializeOrganization = defineSerializer(
  'Organization',
  Type.Object({
    id: wire.uuid(),
    name: Type.String(),
    legalName: wire.text(),
    rccm: wire.text('Trade register number (RCCM).'),
    idNat: wire.text('National identification number.'),
    nif: wire.text('Tax identification number (NIF).'),
    address: wire.text(),
    city: wire.text(),
    country: wire.text('ISO 3166-1 alpha-2 code.'),
    phone: wire.text(),
    email: wire.text(),
    defaultCurrency: currency,
    reportingCurrency: currencyOrNull,
    locale: wire.oneOf(['fr', 'en']),
    timeZone: Type.String({
      description: 'IANA time zone its dates are shown and exported in, e.g. Africa/Kinshasa.',
    }),
    logoUrl: wire.text('Where to fetch the logo (signed-in members only).'),
    createdAt: wire.dateTime(),
  }),
  (organization: Organization) => ({
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
    timeZone: organization.timeZone,
    logoUrl: organization.logoPath ? `/api/v1/orgs/${organization.id}/logo` : null,
    createdAt: isoTimestamp(organization.createdAt),
  })
)

/** The public shape of a member, a membership with its user preloaded (the `Member` schema). */
export const serializeMember = defineSerializer(
  'Member',
  Type.Object({
    id: wire.uuid('The membership id (`memberId`).'),
    userId: wire.uuid(),
    fullName: Type.String(),
    email: Type.String({ format: 'email' }),
    role: wire.oneOf(ROLES),
    joinedAt: wire.dateTime(),
  }),
  (membership: Membership) => ({
    id: membership.id,
    userId: membership.userId,
    fullName: membership.user.fullName,
    email: membership.user.email,
    role: membership.role,
    joinedAt: isoTimestamp(membership.createdAt),
  })
)

/** The public shape of a pending invitation (the `Invitation` schema). */
export const serializeInvitation = defineSerializer(
  'Invitation',
  Type.Object({
    id: wire.uuid(),
    email: Type.String({ format: 'email' }),
    role: wire.oneOf(INVITED_ROLES),
    expiresAt: wire.dateTime(),
    createdAt: wire.dateTime(),
    lastSentAt: wire.dateTimeOrNull(
      'When the invitation email was last sent again; null if never.'
    ),
  }),
  (invitation: Invitation) => ({
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: isoTimestamp(invitation.expiresAt),
    createdAt: isoTimestamp(invitation.createdAt),
    lastSentAt: isoTimestampOrNull(invitation.lastSentAt),
  })
)

/** An organisation the user belongs to, with their role in it: a membership, its organisation preloaded (the `OrganizationMembership` schema). */
export const serializeOrganizationMembership = defineSerializer(
  'OrganizationMembership',
  Type.Object({
    id: wire.uuid('The organisation id.'),
    name: Type.String(),
    role: wire.oneOf(ROLES),
  }),
  (membership: Pick<Membership, 'organizationId' | 'organization' | 'role'>) => ({
    id: membership.organizationId,
    name: membership.organization.name,
    role: membership.role,
  })
)

/** What the person holding an invitation link may see before accepting it, its organisation preloaded (the `InvitationPreview` schema). */
export const serializeInvitationPreview = defineSerializer(
  'InvitationPreview',
  Type.Object({
    organizationName: Type.String(),
    email: Type.String({ format: 'email' }),
    role: wire.oneOf(INVITED_ROLES),
    expiresAt: wire.dateTime(),
  }),
  (invitation: Invitation) => ({
    organizationName: invitation.organization.name,
    email: invitation.email,
    role: invitation.role,
    expiresAt: isoTimestamp(invitation.expiresAt),
  })
)
