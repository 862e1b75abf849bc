import router from '@adonisjs/core/services/router'

/** The platform's route middleware, for the platform's routes and every module's. */
export const platformMiddleware = router.named({
  auth: () => import('../app/middleware/auth_middleware.ts'),
  organization: () => import('../app/middleware/organization_middleware.ts'),
  moduleEnabled: () => import('../app/middleware/module_enabled_middleware.ts'),
})
