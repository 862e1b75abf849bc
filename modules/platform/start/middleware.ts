import router from '@adonisjs/core/services/router'
import type { OrganizationRouteGuards } from '@ia/kernel/contracts'

const createNamed = () =>
  router.named({
    auth: () => import('../app/middleware/auth_middleware.ts'),
    organization: () => import('../app/middleware/organization_middleware.ts'),
    moduleEnabled: () => import('../app/middleware/module_enabled_middleware.ts'),
    platformAdmin: () => import('../app/middleware/platform_admin_middleware.ts'),
  })

let named: ReturnType<typeof createNamed> | undefined
// The router service exists once the application has booted, but modules import the platform
// contracts (and so this file) while booting: the collection is made on first use.
const collection = () => (named ??= createNamed())

/** The platform's route middleware, for the platform's routes and every module's. */
export const platformMiddleware = {
  auth: () => collection().auth(),
  organization: () => collection().organization(),
  moduleEnabled: (options: { moduleId: string }) => collection().moduleEnabled(options),
  platformAdmin: () => collection().platformAdmin(),
}

/** What modules' routes run behind: organisation routes the member's session, the organisation, the module enabled. */
export const organizationRouteGuards: OrganizationRouteGuards = {
  forModule: (moduleId) => [
    platformMiddleware.auth(),
    platformMiddleware.organization(),
    platformMiddleware.moduleEnabled({ moduleId }),
  ],
  signedIn: () => [platformMiddleware.auth()],
  platformAdmin: () => [platformMiddleware.auth(), platformMiddleware.platformAdmin()],
}
