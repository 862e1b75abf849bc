/*
 * Host routes: health, and the web assets of the shell and the remotes. The platform and every
 * domain module register their own API routes from their providers.
 */
import router from '@adonisjs/core/services/router'

const HealthController = () => import('#controllers/health_controller')
const WebAssetsController = () => import('#controllers/web_assets_controller')

router.get('/health/live', [HealthController, 'live'])
router.get('/health/ready', [HealthController, 'ready'])
router.get('/remotes/:moduleId/*', [WebAssetsController, 'remote'])
router.get('/*', [WebAssetsController, 'shell'])
