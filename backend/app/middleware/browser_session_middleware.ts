import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import { Session } from '@adonisjs/session'
import type { ResolvedSessionConfig, SessionStoreContract } from '@adonisjs/session/types'
// Imported for its side effects too: the redirect and validation macros every session-aware app has.
import '@adonisjs/session/session_middleware'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { EmitterService } from '@adonisjs/core/types'
import shieldConfig from '#config/shield'

/** The route whose job is to open a browser session: the shell calls it before its first write. */
const CSRF_ROUTE = '/api/v1/auth/csrf'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

type Pipeline = {
  config: ResolvedSessionConfig
  emitter: EmitterService
  shield: ShieldMiddleware
  shieldWithoutCsrf: ShieldMiddleware
}

let pipeline: Promise<Pipeline> | undefined

/** The store of a request without a cookie: its new session id has nothing stored, so the read is skipped. */
function withNothingStored(store: SessionStoreContract): SessionStoreContract {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'read') return () => null
      const value = Reflect.get(target, key)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** Resolves the session configuration and builds both shields once for the process, not per request. */
async function buildPipeline(): Promise<Pipeline> {
  const config = await configProvider.resolve<ResolvedSessionConfig>(app, app.config.get('session'))
  if (!config) throw new Error('config/session.ts must use defineConfig()')
  const encryption = (await app.container.make('encryption')).use()
  return {
    config,
    emitter: await app.container.make('emitter'),
    shield: new ShieldMiddleware(shieldConfig, encryption),
    shieldWithoutCsrf: new ShieldMiddleware(
      { ...shieldConfig, csrf: { ...shieldConfig.csrf, enabled: false } },
      encryption
    ),
  }
}

/**
 * Session and shield (CSRF, frame, HSTS) for browsers. An API client authenticating with a Bearer
 * token has no cookie to protect: opening a session for it would write a session row per call.
 * A request without a session cookie gets no session row either, unless it puts something in the session
 * (signing in) or asks for a CSRF token: a crawler's GETs would otherwise fill the table. Such a read-only
 * request gets no CSRF secret (there is nothing to protect yet); writes are checked as always.
 */
export default class BrowserSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if ((ctx.request.header('authorization') ?? '').startsWith('Bearer ')) return next()
    const { config, emitter, shield, shieldWithoutCsrf } = await (pipeline ??= buildPipeline())
    const hadCookie = ctx.request.cookiesList()[config.cookieName] !== undefined
    const store = config.stores[config.store]
    const session = new Session(
      config,
      hadCookie ? store : (...args) => withNothingStored(store(...args)),
      emitter,
      ctx
    )
    ctx.session = session
    await session.initiate(false)
    const opensSession =
      hadCookie || !SAFE_METHODS.has(ctx.request.method()) || ctx.route?.pattern === CSRF_ROUTE
    await (opensSession ? shield : shieldWithoutCsrf).handle(ctx, next)
    if (hadCookie || !session.isEmpty) await session.commit()
  }
}
