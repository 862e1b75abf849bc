import router from '@adonisjs/core/services/router'
import { organizationRoutes } from '@ia/kernel/contracts'

const SettingsController = () => import('../app/controllers/settings_controller.ts')
const RatesController = () => import('../app/controllers/rates_controller.ts')

organizationRoutes('currencies', () => {
  router.get('currencies/iso', [SettingsController, 'iso'])
  router.get('currencies/settings', [SettingsController, 'show'])
  router.put('currencies/settings', [SettingsController, 'update'])
  router.post('currencies/provider/fetch', [SettingsController, 'fetchNow'])
  router.get('currencies/rates', [RatesController, 'index'])
  router.post('currencies/rates', [RatesController, 'store'])
  router.post('currencies/rates/import', [RatesController, 'import'])
  router.get('currencies/rates/imports/:rateImportId', [RatesController, 'showImport'])
  router.get('currencies/rates/history', [RatesController, 'history'])
  router.get('currencies/rates/at', [RatesController, 'at'])
  router.get('currencies/rates/:rateId', [RatesController, 'show'])
})
