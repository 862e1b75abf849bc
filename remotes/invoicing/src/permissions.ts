import type { ModulePermissions } from '@ia/sdk'

/** The permissions the invoicing screens check, as module.json declares them. */
export const INVOICING_PERMISSIONS = {
  read: 'invoicing.invoice.read',
  create: 'invoicing.invoice.create',
  update: 'invoicing.invoice.update',
  delete: 'invoicing.invoice.delete',
  issue: 'invoicing.invoice.issue',
  paymentRead: 'invoicing.payment.read',
  paymentCreate: 'invoicing.payment.create',
  paymentReverse: 'invoicing.payment.reverse',
  productRead: 'invoicing.product.read',
  productCreate: 'invoicing.product.create',
  productUpdate: 'invoicing.product.update',
  productArchive: 'invoicing.product.archive',
  taxRead: 'invoicing.tax.read',
  taxManage: 'invoicing.tax.manage',
  settingsManage: 'invoicing.settings.manage',
} as const satisfies Record<string, ModulePermissions['invoicing']>
