import type { HttpContext } from '@adonisjs/core/http'

/** Decides whether the current member may do something. */
export interface Authorizer {
  /** Fails with 403 unless the current member's role grants `permission` (`<module>.<resource>.<action>`). */
  authorize(ctx: HttpContext, permission: string): Promise<void>
}
