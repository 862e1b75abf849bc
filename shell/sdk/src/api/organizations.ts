import { http } from '../config'
import type {
  AuditLogEntry,
  CurrencyCode,
  Id,
  Invitation,
  InvitationPreview,
  Locale,
  Member,
  Organization,
  OrganizationSummary,
  OrganizationUpdate,
  Paginated,
  Role,
} from '../types'

/** `/api/v1/orgs/<orgId><path>` */
export function orgPath(orgId: Id, path = ''): string {
  return `/api/v1/orgs/${encodeURIComponent(String(orgId))}${path}`
}

/** The organisations the user belongs to. */
export function listOrganizations(): Promise<{ data: OrganizationSummary[] }> {
  return http.get('/api/v1/orgs')
}

/** Creates an organisation owned by the caller. */
export function createOrganization(input: {
  name: string
  defaultCurrency?: CurrencyCode
  locale?: Locale
}): Promise<{ organization: Organization }> {
  return http.post('/api/v1/orgs', input)
}

/** An organisation and the caller's role in it. */
export function getOrganization(orgId: Id): Promise<{ organization: Organization; role: Role }> {
  return http.get(orgPath(orgId))
}

/** Changes an organisation's details (admins). */
export function updateOrganization(
  orgId: Id,
  input: OrganizationUpdate
): Promise<{ organization: Organization }> {
  return http.patch(orgPath(orgId), input)
}

/** Replaces an organisation's logo (admins). */
export function uploadOrganizationLogo(
  orgId: Id,
  logo: File
): Promise<{ organization: Organization }> {
  const form = new FormData()
  form.append('logo', logo)
  return http.post(orgPath(orgId, '/logo'), form)
}

/** The members of an organisation. */
export function listMembers(orgId: Id): Promise<{ data: Member[] }> {
  return http.get(orgPath(orgId, '/members'))
}

/** Makes a member an admin or a plain member (admins). */
export function updateMemberRole(
  orgId: Id,
  memberId: Id,
  role: Exclude<Role, 'owner'>
): Promise<{ member: Member }> {
  return http.patch(orgPath(orgId, `/members/${encodeURIComponent(String(memberId))}`), { role })
}

/** Removes a member (admins). */
export function removeMember(orgId: Id, memberId: Id): Promise<void> {
  return http.delete(orgPath(orgId, `/members/${encodeURIComponent(String(memberId))}`))
}

/** Leaves an organisation; an owner must transfer ownership first (409). */
export function leaveOrganization(orgId: Id): Promise<void> {
  return http.post(orgPath(orgId, '/leave'))
}

/** Hands ownership to another member (owner). */
export function transferOwnership(orgId: Id, memberId: Id): Promise<void> {
  return http.post(orgPath(orgId, '/transfer-ownership'), { memberId })
}

/** Pending invitations (admins). */
export function listInvitations(orgId: Id): Promise<{ data: Invitation[] }> {
  return http.get(orgPath(orgId, '/invitations'))
}

/** Invites someone by email (admins). */
export function createInvitation(
  orgId: Id,
  input: { email: string; role: Exclude<Role, 'owner'> }
): Promise<{ invitation: Invitation }> {
  return http.post(orgPath(orgId, '/invitations'), input)
}

/** Withdraws a pending invitation (admins). */
export function revokeInvitation(orgId: Id, invitationId: Id): Promise<void> {
  return http.delete(orgPath(orgId, `/invitations/${encodeURIComponent(String(invitationId))}`))
}

/** What an invitation link invites to (public). */
export function getInvitation(token: string): Promise<{ invitation: InvitationPreview }> {
  return http.get(`/api/v1/invitations/${encodeURIComponent(token)}`)
}

/** Accepts an invitation as the signed-in user. */
export function acceptInvitation(token: string): Promise<{ organization: OrganizationSummary }> {
  return http.post(`/api/v1/invitations/${encodeURIComponent(token)}/accept`)
}

/** One page of an organisation's audit log (admins). */
export function listAuditLog(orgId: Id, page = 1): Promise<Paginated<AuditLogEntry>> {
  return http.get(orgPath(orgId, '/audit-log'), { query: { page } })
}
