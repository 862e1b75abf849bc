import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { notFound } from '@ia/kernel/contracts'

/**
 * Platform administration (vendor approval, package review, staged roll-outs): to a signed-in user
 * who is not a platform administrator the route does not exist (404), as an unknown organisation.
 * Runs after the auth middleware.
 */
export default class PlatformAdminMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.auth.user?.isPlatformAdmin) throw notFound()
    return next()
  }
}
