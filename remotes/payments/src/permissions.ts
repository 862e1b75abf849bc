import type { ModulePermissions } from '@ia/sdk'

/** The permissions the payments screens check, as module.json declares them. */
export const PAYMENTS_PERMISSIONS = {
  readRequests: 'payments.request.read',
  createRequest: 'payments.request.create',
  readPayouts: 'payments.payout.read',
  createPayout: 'payments.payout.create',
  approvePayout: 'payments.payout.approve',
  readLog: 'payments.log.read',
  manageSettings: 'payments.settings.manage',
} as const satisfies Record<string, ModulePermissions['payments']>
