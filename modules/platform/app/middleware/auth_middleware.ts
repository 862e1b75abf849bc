import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { errors as authErrors } from '@adonisjs/auth'
import { SCOPED_TOKEN_PREFIX, enforceScopes } from '../services/scoped_tokens.ts'

/**
 * Requires a signed-in user: the shell's session cookie, an API client's Bearer token, or a scoped
 * token (a vendor module's or an integration's), held to its organisation and scopes.
 * A disabled account is refused, and the user's language replaces the browser's. Answers, errors
 * included, are `no-store`: what a signed-in user sees must not stay in a shared or back-button cache.
 */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const authorization = ctx.request.header('authorization') ?? ''
    const guard = authorization.startsWith(`Bearer ${SCOPED_TOKEN_PREFIX}`)
      ? 'scoped'
      : authorization.startsWith('Bearer ')
        ? 'api'
        : 'web'
    await ctx.auth.authenticateUsing([guard])
    const user = ctx.auth.user!
    if (user.disabledAt) {
      if (guard === 'web') await ctx.auth.use('web').logout()
      throw new authErrors.E_UNAUTHORIZED_ACCESS('Unauthorized access', { guardDriverName: guard })
    }
    // The request's language was set from its headers; it is replaced only when the user's saved one differs.
    if (ctx.i18n.locale !== user.locale) {
      ctx.i18n = i18nManager.locale(user.locale)
      ctx.containerResolver.bindValue(I18n, ctx.i18n)
    }
    ctx.response.header('cache-control', 'no-store')
    if (guard === 'scoped') await enforceScopes(ctx)
    return next()
  }
}
