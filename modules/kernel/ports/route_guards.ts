import type { MiddlewareFn, ParsedNamedMiddleware } from '@adonisjs/core/types/http'

/** The middleware every organisation route of a module runs behind. */
export interface OrganizationRouteGuards {
  /** Signed-in members of the `:orgId` organisation only, and only while `moduleId` is enabled for it (404 otherwise). */
  forModule(moduleId: string): (MiddlewareFn | ParsedNamedMiddleware)[]
}
