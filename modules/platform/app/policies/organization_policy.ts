import { BasePolicy } from '@adonisjs/bouncer'
import type User from '../models/user.ts'
import type Membership from '../models/membership.ts'

/** Who may do what to an organisation and its members. */
export default class OrganizationPolicy extends BasePolicy {
  /** Settings, invitations, modules and the audit log are for owners and admins. */
  administer(user: User, membership: Membership) {
    return membership.userId === user.id && membership.isAdmin
  }

  /**
   * Owners and admins change or remove other members; nobody touches the owner (ownership moves
   * by transfer), and admins cannot act on each other, so one admin cannot oust the rest.
   */
  manageMember(user: User, membership: Membership, target: Membership) {
    if (membership.userId !== user.id || !membership.isAdmin) return false
    if (target.role === 'owner' || target.userId === user.id) return false
    return membership.role === 'owner' || target.role === 'member'
  }

  /** Only the owner hands ownership over. */
  transferOwnership(user: User, membership: Membership) {
    return membership.userId === user.id && membership.role === 'owner'
  }
}
