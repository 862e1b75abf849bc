/*
 * Host routes: health. The platform and every domain module register their own API routes from
 * their providers; the web assets of the shell and the remotes are served by a server middleware.
 */
import router from '@adonisjs/core/services/router'

const HealthController = () => import('#controllers/health_controller')

router.get('/health/live', [HealthController, 'live'])
router.get('/health/ready', [HealthController, 'ready'])
