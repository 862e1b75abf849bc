import router from '@adonisjs/core/services/router'
import { organizationRoutes } from '@ia/kernel/contracts'

const FiscalController = () => import('../app/controllers/fiscal_controller.ts')

organizationRoutes('fiscal', () => {
  router.get('fiscal/settings', [FiscalController, 'show'])
  router.put('fiscal/settings', [FiscalController, 'update'])
  router.post('fiscal/settings/check', [FiscalController, 'check'])
  router.get('fiscal/normalisations', [FiscalController, 'index'])
  router.post('fiscal/normalisations/drain', [FiscalController, 'drain'])
  router
    .get('fiscal/documents/:documentId/normalisation', [FiscalController, 'forDocument'])
    .where('documentId', router.matchers.uuid())
  router
    .post('fiscal/normalisations/:normalisationId/retry', [FiscalController, 'retry'])
    .where('normalisationId', router.matchers.uuid())
})
