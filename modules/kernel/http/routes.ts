import router from '@adonisjs/core/services/router'
import { routeGuards } from '../services/ports.ts'

/**
 * Declares a module's organisation routes under `/api/v1/orgs/:orgId`: signed-in members only,
 * and only while the module is enabled for that organisation (404 otherwise).
 */
export function organizationRoutes(moduleId: string, define: () => void) {
  return router.group(define).prefix('/api/v1/orgs/:orgId').use(routeGuards.forModule(moduleId))
}
