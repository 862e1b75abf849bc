import { Bouncer } from '@adonisjs/bouncer'
import type User from '../models/user.ts'
import type Membership from '../models/membership.ts'
import { roleHasPermission } from './permissions.ts'

/** The member's role grants `permission` in the organisation of `membership`. */
export const holdsPermission = Bouncer.ability(
  (user: User, membership: Membership, permission: string) => {
    return membership.userId === user.id && roleHasPermission(membership.role, permission)
  }
)
