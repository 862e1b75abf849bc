import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** HSTS lifetime: 180 days, in seconds. */
const HSTS_MAX_AGE_SECONDS = 180 * 24 * 60 * 60

/**
 * The browser features no page of the product uses: denied until a module asks for one, so a
 * script that slipped in cannot use them either.
 */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=()'

/**
 * Headers every answer carries, the API's, the shell's files and the errors alike (hence a server
 * middleware, before the router): links to other sites get the origin only, never a path holding an
 * id or a token; camera, microphone and geolocation are denied; and, when the request came over
 * HTTPS, HSTS. HTTPS is read from the connection, or from X-Forwarded-Proto only when the proxy
 * sending it is in TRUSTED_PROXIES (config/app.ts): anyone else cannot switch it on.
 */
export default class SecurityHeadersMiddleware {
  handle({ request, response }: HttpContext, next: NextFn) {
    response.header('referrer-policy', 'strict-origin-when-cross-origin')
    response.header('permissions-policy', PERMISSIONS_POLICY)
    if (request.secure())
      response.header('strict-transport-security', `max-age=${HSTS_MAX_AGE_SECONDS}`)
    return next()
  }
}
