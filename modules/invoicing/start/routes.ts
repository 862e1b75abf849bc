import router from '@adonisjs/core/services/router'
import { organizationRoutes } from '@ia/kernel/contracts'

const DocumentsController = () => import('../app/controllers/documents_controller.ts')
const PaymentsController = () => import('../app/controllers/payments_controller.ts')
const ProductsController = () => import('../app/controllers/products_controller.ts')
const SettingsController = () => import('../app/controllers/settings_controller.ts')
const RecurringInvoicesController = () =>
  import('../app/controllers/recurring_invoices_controller.ts')
const PublicDocumentsController = () => import('../app/controllers/public_documents_controller.ts')

organizationRoutes('invoicing', () => {
  router.get('invoicing/documents', [DocumentsController, 'index'])
  router.post('invoicing/documents', [DocumentsController, 'store'])
  router.post('invoicing/documents/preview', [DocumentsController, 'preview'])
  router
    .group(() => {
      router.get('invoicing/documents/:documentId', [DocumentsController, 'show'])
      router.patch('invoicing/documents/:documentId', [DocumentsController, 'update'])
      router.delete('invoicing/documents/:documentId', [DocumentsController, 'destroy'])
      router.post('invoicing/documents/:documentId/issue', [DocumentsController, 'issue'])
      router.post('invoicing/documents/:documentId/send', [DocumentsController, 'send'])
      router.get('invoicing/documents/:documentId/pdf', [DocumentsController, 'pdf'])
      router.get('invoicing/documents/:documentId/payments', [PaymentsController, 'forDocument'])
    })
    .where('documentId', router.matchers.uuid())

  router
    .post('invoicing/quotes/:quoteId/invoice', [DocumentsController, 'convert'])
    .where('quoteId', router.matchers.uuid())

  router.get('invoicing/recurring-invoices', [RecurringInvoicesController, 'index'])
  router.post('invoicing/recurring-invoices', [RecurringInvoicesController, 'store'])
  router
    .group(() => {
      router.get('invoicing/recurring-invoices/:recurringId', [RecurringInvoicesController, 'show'])
      router.post('invoicing/recurring-invoices/:recurringId/pause', [
        RecurringInvoicesController,
        'pause',
      ])
      router.post('invoicing/recurring-invoices/:recurringId/resume', [
        RecurringInvoicesController,
        'resume',
      ])
      router.post('invoicing/recurring-invoices/:recurringId/end', [
        RecurringInvoicesController,
        'end',
      ])
    })
    .where('recurringId', router.matchers.uuid())

  router.post('invoicing/payments', [PaymentsController, 'store'])
  router
    .group(() => {
      router.get('invoicing/payments/:paymentId', [PaymentsController, 'show'])
      router.post('invoicing/payments/:paymentId/reverse', [PaymentsController, 'reverse'])
    })
    .where('paymentId', router.matchers.uuid())

  router.get('invoicing/products', [ProductsController, 'index'])
  router.post('invoicing/products', [ProductsController, 'store'])
  router
    .group(() => {
      router.get('invoicing/products/:productId', [ProductsController, 'show'])
      router.patch('invoicing/products/:productId', [ProductsController, 'update'])
      router.post('invoicing/products/:productId/archive', [ProductsController, 'archive'])
      router.post('invoicing/products/:productId/unarchive', [ProductsController, 'unarchive'])
    })
    .where('productId', router.matchers.uuid())

  router.get('invoicing/tax-groups', [SettingsController, 'taxGroups'])
  router.post('invoicing/tax-groups/:code/rates', [SettingsController, 'addTaxRate'])
  router.get('invoicing/series', [SettingsController, 'series'])
  router.get('invoicing/reminders', [SettingsController, 'reminders'])
  router.put('invoicing/reminders', [SettingsController, 'updateReminders'])
  router.put('invoicing/series/:kind', [SettingsController, 'updateSeries'])
  router.get('invoicing/settings', [SettingsController, 'defaults'])
  router.put('invoicing/settings', [SettingsController, 'updateDefaults'])
})

// The customer's link from the email: no account, the signed token is the credential.
router.get('/api/v1/public/invoicing/:token', [PublicDocumentsController, 'show'])
router.get('/api/v1/public/invoicing/:token/pdf', [PublicDocumentsController, 'pdf'])
router.post('/api/v1/public/invoicing/:token/accept', [PublicDocumentsController, 'accept'])
router.post('/api/v1/public/invoicing/:token/refuse', [PublicDocumentsController, 'refuse'])
