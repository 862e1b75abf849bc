import type { MiddlewareFn, ParsedNamedMiddleware } from '@adonisjs/core/types/http'

type Guards = (MiddlewareFn | ParsedNamedMiddleware)[]

/** The middleware a module's routes run behind. */
export interface OrganizationRouteGuards {
  /** Signed-in members of the `:orgId` organisation only, and only while `moduleId` is enabled for it (404 otherwise). */
  forModule(moduleId: string): Guards
  /** Any signed-in user (session or access token), outside any organisation. */
  signedIn(): Guards
  /** Platform administrators only; to anyone else, signed in or not, the route does not exist (401 unsigned, else 404). */
  platformAdmin(): Guards
}
