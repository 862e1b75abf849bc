import router from '@adonisjs/core/services/router'
import { organizationRoutes } from '@ia/kernel/contracts'

const SettingsController = () => import('../app/controllers/settings_controller.ts')

organizationRoutes('currencies', () => {
  router.get('currencies/settings', [SettingsController, 'show'])
})
