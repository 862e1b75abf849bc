import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import type { AllyManager } from '@adonisjs/ally'
import type { AllyManagerDriverFactory } from '@adonisjs/ally/types'
import User from '../models/user.ts'
import { OidcError } from '../services/oidc_driver.ts'
import { OauthAccountError, resolveOauthAccount } from '../services/oauth_accounts.ts'
import {
  endUserSessions,
  requireBrowserSession,
  startUserSession,
} from '../services/user_sessions.ts'

type ProviderFactory = AllyManagerDriverFactory & { displayName?: string }

const providersOf = (ctx: HttpContext) =>
  ctx.ally as unknown as AllyManager<Record<string, ProviderFactory>>

/** Sends the browser back to the sign-in page with a short error code the shell translates. */
function failed(ctx: HttpContext, code: string) {
  return ctx.response.redirect(`/sign-in?error=${encodeURIComponent(code)}`)
}

/** Sign-in through OAuth/OIDC providers configured in config/ally.ts (browser navigations, not fetch). */
export default class OauthController {
  async providers(ctx: HttpContext) {
    const ally = providersOf(ctx)
    return {
      providers: ally
        .configuredProviderNames()
        .map((id) => ({ id, name: ally.config[id].displayName ?? id })),
    }
  }

  async redirect(ctx: HttpContext) {
    const ally = providersOf(ctx)
    const provider = String(ctx.params.provider)
    if (!ally.has(provider)) return failed(ctx, 'provider_unknown')
    try {
      await ally.use(provider).redirect()
    } catch (error) {
      logger.warn({ err: error, provider }, 'OAuth redirect failed')
      return failed(ctx, error instanceof OidcError ? error.code : 'provider_unavailable')
    }
  }

  async callback(ctx: HttpContext) {
    requireBrowserSession(ctx)
    const ally = providersOf(ctx)
    const provider = String(ctx.params.provider)
    if (!ally.has(provider)) return failed(ctx, 'provider_unknown')
    const driver = ally.use(provider)
    if (driver.accessDenied()) return failed(ctx, 'access_denied')
    if (driver.stateMisMatch()) return failed(ctx, 'state_mismatch')
    if (driver.hasError()) return failed(ctx, 'oauth_failed')

    let profile
    try {
      profile = await driver.user()
    } catch (error) {
      logger.warn({ err: error, provider }, 'OAuth callback failed')
      return failed(ctx, error instanceof OidcError ? error.code : 'oauth_failed')
    }

    let user: User
    try {
      const account = await resolveOauthAccount(provider, profile, {
        locale: ctx.i18n.locale === 'en' ? 'en' : 'fr',
        ip: ctx.request.ip(),
      })
      user = account.user
      if (account.takenOver) {
        await endUserSessions(user.id)
        for (const token of await User.accessTokens.all(user))
          await User.accessTokens.delete(user, token.identifier)
      }
    } catch (error) {
      if (error instanceof OauthAccountError) return failed(ctx, error.code)
      logger.error({ err: error, provider }, 'OAuth sign-in could not resolve the account')
      return failed(ctx, 'oauth_failed')
    }
    await startUserSession(ctx, user, `oauth:${provider}`)
    return ctx.response.redirect('/')
  }
}
