import type { ModulePermissions } from '@ia/sdk'

/** Permissions of the marketplace module by action, each checked against its module.json (generated types). */
export const MARKETPLACE_PERMISSIONS = {
  browse: 'marketplace.catalog.read',
  install: 'marketplace.install.manage',
  apiKeys: 'marketplace.apikey.manage',
} as const satisfies Record<string, ModulePermissions['marketplace']>
