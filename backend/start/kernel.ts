/*
 * HTTP kernel: the middleware every request passes through, and the named ones routes pick.
 */
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/security_headers_middleware'),
  () => import('@adonisjs/cors/cors_middleware'),
  () => import('#middleware/web_assets_middleware'),
])

router.use([
  () => import('#middleware/parse_body_middleware'),
  () => import('#middleware/reject_invalid_text_middleware'),
  () => import('@ia/platform/middleware/detect_locale_middleware'),
  () => import('#middleware/browser_session_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('@ia/platform/middleware/initialize_bouncer_middleware'),
])
