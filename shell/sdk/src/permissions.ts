import type { Role } from './types'

const memberActions = new Set(['read', 'create', 'update'])

/** Whether a role holds a permission named `<module>.<resource>.<action>`: owners and admins hold all, members read, create and update. */
export function roleCan(role: Role | null | undefined, permission: string): boolean {
  if (role === 'owner' || role === 'admin') return true
  if (role !== 'member') return false
  return memberActions.has(permission.slice(permission.lastIndexOf('.') + 1))
}
