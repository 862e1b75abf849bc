import app from '@adonisjs/core/services/app'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Session and shield (CSRF, frame, HSTS) for browsers. An API client authenticating with a Bearer
 * token has no cookie to protect: opening a session for it would write a session row per call.
 */
export default class BrowserSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if ((ctx.request.header('authorization') ?? '').startsWith('Bearer ')) return next()
    const session = await app.container.make(SessionMiddleware)
    const shield = await app.container.make(ShieldMiddleware)
    return session.handle(ctx, () => shield.handle(ctx, next))
  }
}
