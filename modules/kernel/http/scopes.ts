/*
 * Scopes: what a credential narrower than its user (a vendor module's token, an integration's API key)
 * may do, as `<module>:read` or `<module>:write`. A route needs the scope of the permission it declares
 * (its `describeRoute` doc): `contacts.contact.update` needs `contacts:write`. A route that declares no
 * permission is refused to such credentials, so a new route is closed to them until it says what it needs.
 */

/** Actions that only read: a `<module>:read` scope covers them. */
const READ_ACTIONS = new Set(['read', 'export'])

/** The scope a route declaring `permission` (`<module>.<resource>.<action>`) needs. */
export function scopeForPermission(permission: string): string {
  const [module] = permission.split('.')
  const action = permission.split('.').at(-1) ?? ''
  return `${module}:${READ_ACTIONS.has(action) ? 'read' : 'write'}`
}
