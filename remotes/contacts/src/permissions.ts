import type { ModulePermissions } from '@ia/sdk'

/** Permissions of the contacts module by action, each checked against its module.json (generated types). */
export const CONTACT_PERMISSIONS = {
  read: 'contacts.contact.read',
  create: 'contacts.contact.create',
  update: 'contacts.contact.update',
  archive: 'contacts.contact.archive',
  import: 'contacts.contact.import',
  export: 'contacts.contact.export',
} as const satisfies Record<string, ModulePermissions['contacts']>
