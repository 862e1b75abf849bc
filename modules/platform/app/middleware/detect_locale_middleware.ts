import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'

/** The cookie in which the shell keeps the language chosen on this device (plain: the page writes it). */
export const LOCALE_COOKIE = 'ia_locale'

/**
 * The language of a request before sign-in: the first product language of Accept-Language, else the
 * shell's locale cookie, else the default (French).
 */
export function requestLocale(ctx: HttpContext) {
  const languages = ctx.request.languages().filter((language) => language !== '*')
  const fromHeader = languages.length ? i18nManager.getSupportedLocaleFor(languages) : null
  if (fromHeader) return fromHeader
  const fromCookie = ctx.request.plainCookie(LOCALE_COOKIE, { encoded: false })
  return typeof fromCookie === 'string' && i18nManager.supportedLocales().includes(fromCookie)
    ? fromCookie
    : i18nManager.defaultLocale
}

/** Sets the request's language (see requestLocale); a signed-in user's saved choice replaces it in the auth middleware. */
export default class DetectLocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => ctx.i18n.createMessagesProvider()
  }

  async handle(ctx: HttpContext, next: NextFn) {
    ctx.i18n = i18nManager.locale(requestLocale(ctx))
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
