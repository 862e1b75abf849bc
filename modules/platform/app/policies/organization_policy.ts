import { BasePolicy } from '@adonisjs/bouncer'
import type User from '../models/user.ts'
import type Membership from '../models/membership.ts'

/** Who may do what to an organisation and its members. */
export default class OrganizationPolicy extends BasePolicy {
  /** Settings, invitations, modules and the audit log are for owners and admins. */
  administer(user: User, membership: Membership) {
    return membership.userId === user.id && membership.isAdmin
  }

  /** An admin may change or remove members but never the owner, and only an owner makes admins of admins. */
  manageMember(user: User, membership: Membership, target: Membership) {
    if (membership.userId !== user.id || !membership.isAdmin) return false
    if (target.role === 'owner') return false
    return target.userId !== user.id
  }

  /** Only the owner hands ownership over. */
  transferOwnership(user: User, membership: Membership) {
    return membership.userId === user.id && membership.role === 'owner'
  }
}
