import type { Role } from '../models/membership.ts'

/** Members may read, create and update; deleting, archiving and administration need an admin. */
const MEMBER_ACTIONS = new Set(['read', 'create', 'update'])

/** Whether a role holds a permission named `<module>.<resource>.<action>`. */
export function roleHasPermission(role: Role, permission: string) {
  if (role === 'owner' || role === 'admin') return true
  const action = permission.split('.').at(-1) ?? ''
  return !permission.startsWith('platform.') && MEMBER_ACTIONS.has(action)
}
