/*
 * What a vendor module may ask for. A scope is `<module>:read` or `<module>:write`; the platform derives
 * the scope a route needs from the permission it declares (the kernel's `scopeForPermission`), so every
 * route is covered the day it is added. Each scope is explained to the tenant admin in
 * `marketplace.scopes.<scope>` (fr and en).
 */

/** The scopes a vendor module may ask for, in the order the consent screen lists them. */
export const KNOWN_SCOPES = ['platform:read', 'contacts:read', 'contacts:write'] as const

/** One scope of the known list. */
export type Scope = (typeof KNOWN_SCOPES)[number]

/** The events a vendor module may receive as webhooks, each with the scope that must be granted for it. */
export const WEBHOOK_EVENTS: Record<string, Scope> = {
  'contacts.contact.created': 'contacts:read',
  'contacts.contact.updated': 'contacts:read',
  'contacts.contact.archived': 'contacts:read',
}

/** The categories of the catalogue. */
export const CATEGORIES = [
  'crm',
  'sales',
  'accounting',
  'inventory',
  'hr',
  'productivity',
  'communication',
  'reporting',
  'integrations',
  'other',
] as const
