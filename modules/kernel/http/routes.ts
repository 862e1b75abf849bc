import router from '@adonisjs/core/services/router'
import { routeGuards } from '../services/ports.ts'

/**
 * Declares a module's organisation routes under `/api/v1/orgs/:orgId`: signed-in members only,
 * and only while the module is enabled for that organisation (404 otherwise).
 */
export function organizationRoutes(moduleId: string, define: () => void) {
  return router.group(define).prefix('/api/v1/orgs/:orgId').use(routeGuards.forModule(moduleId))
}

/** Declares routes of the signed-in user under `/api/v1/<prefix>`, outside any organisation. */
export function userRoutes(prefix: string, define: () => void) {
  return router.group(define).prefix(`/api/v1/${prefix}`).use(routeGuards.signedIn())
}

/** Declares routes only platform administrators reach, under `/api/v1/admin/<prefix>` (404 to anyone else signed in). */
export function platformAdminRoutes(prefix: string, define: () => void) {
  return router.group(define).prefix(`/api/v1/admin/${prefix}`).use(routeGuards.platformAdmin())
}
