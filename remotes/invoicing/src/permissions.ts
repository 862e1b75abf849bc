import type { ModulePermissions } from '@ia/sdk'

/** The permissions the invoicing screens check, as module.json declares them. */
export const INVOICING_PERMISSIONS = {
  read: 'invoicing.invoice.read',
  create: 'invoicing.invoice.create',
  issue: 'invoicing.invoice.issue',
} as const satisfies Record<string, ModulePermissions['invoicing']>
