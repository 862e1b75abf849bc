import router from '@adonisjs/core/services/router'
import { organizationRoutes } from '@ia/kernel/contracts'

const ContactsController = () => import('../app/controllers/contacts_controller.ts')
const ContactTransfersController = () =>
  import('../app/controllers/contact_transfers_controller.ts')

organizationRoutes('contacts', () => {
  router.get('contacts', [ContactsController, 'index'])
  router.post('contacts', [ContactsController, 'store'])
  router.get('contacts/export.csv', [ContactTransfersController, 'export'])
  router.post('contacts/import/preview', [ContactTransfersController, 'preview'])
  router.post('contacts/import', [ContactTransfersController, 'store'])
  router.get('contacts/import/template.csv', [ContactTransfersController, 'template'])
  router
    .group(() => {
      router.get('contacts/imports/:importId', [ContactTransfersController, 'showImport'])
      router.get('contacts/imports/:importId/rejected.csv', [
        ContactTransfersController,
        'rejectedRows',
      ])
    })
    .where('importId', router.matchers.uuid())
  router
    .group(() => {
      router.get('contacts/:contactId', [ContactsController, 'show'])
      router.patch('contacts/:contactId', [ContactsController, 'update'])
      router.post('contacts/:contactId/archive', [ContactsController, 'archive'])
      router.post('contacts/:contactId/unarchive', [ContactsController, 'unarchive'])
    })
    .where('contactId', router.matchers.uuid())
})
