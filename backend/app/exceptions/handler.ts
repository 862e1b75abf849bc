import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import i18nManager from '@adonisjs/i18n/services/main'
import { DomainError } from '@ia/kernel/contracts'

type ApiError = { code: string; message: string; field?: string }

/** Framework error codes mapped to a status and a translated message key. */
const KNOWN_ERRORS: Record<string, { status: number; key: string }> = {
  E_UNAUTHORIZED_ACCESS: { status: 401, key: 'platform.errors.E_UNAUTHORIZED' },
  E_AUTHORIZATION_FAILURE: { status: 403, key: 'platform.errors.E_FORBIDDEN' },
  E_BAD_CSRF_TOKEN: { status: 403, key: 'platform.errors.E_BAD_CSRF_TOKEN' },
  E_ROUTE_NOT_FOUND: { status: 404, key: 'platform.errors.E_NOT_FOUND' },
  E_ROW_NOT_FOUND: { status: 404, key: 'platform.errors.E_NOT_FOUND' },
  E_TOO_MANY_REQUESTS: { status: 429, key: 'platform.errors.E_TOO_MANY_REQUESTS' },
  E_REQUEST_ENTITY_TOO_LARGE: { status: 413, key: 'platform.errors.E_PAYLOAD_TOO_LARGE' },
  E_INVALID_JSON_BODY: { status: 400, key: 'platform.errors.E_BAD_REQUEST' },
}

/**
 * The saved language of the user signed in on the request's session. The CSRF check runs before the
 * auth middleware has set it, so its refusal would otherwise follow the browser's Accept-Language.
 */
async function sessionUserLocale(ctx: HttpContext) {
  const userId = ctx.session?.get('auth_web')
  if (typeof userId !== 'string') return null
  const { User } = await import('@ia/platform/contracts')
  const user = await User.find(userId)
  return user ? i18nManager.locale(user.locale) : null
}

/** Every error leaves as `{ errors: [{ code, message, field? }] }`, in the user's language. */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction
  protected ignoreStatuses = [400, 401, 403, 404, 409, 413, 422, 429]

  async handle(error: unknown, ctx: HttpContext) {
    // Requests that matched no route never ran the locale middleware.
    let i18n =
      ctx.i18n ??
      i18nManager.locale(
        i18nManager.getSupportedLocaleFor(ctx.request.languages()) ?? i18nManager.defaultLocale
      )
    const code = (error as { code?: string }).code ?? ''
    if (code === 'E_BAD_CSRF_TOKEN') i18n = (await sessionUserLocale(ctx)) ?? i18n
    const t = (key: string, data?: Record<string, unknown>) => i18n.t(key, data)

    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      const errors: ApiError[] = (
        error.messages as { field: string; message: string; rule: string }[]
      ).map((entry) => ({
        code: 'E_VALIDATION',
        field: entry.field,
        message: entry.message,
      }))
      return ctx.response.status(422).send({ errors })
    }

    if (error instanceof DomainError) {
      if (error.code === 'E_TOO_MANY_REQUESTS') ctx.response.header('retry-after', '60')
      const body: ApiError = { code: error.code!, message: t(error.translationKey, error.data) }
      if (error.field) body.field = error.field
      return ctx.response.status(error.status).send({ errors: [body] })
    }

    const known = KNOWN_ERRORS[code]
    if (known) {
      if (code === 'E_TOO_MANY_REQUESTS') {
        const retryAfter = (error as { response?: { availableIn?: number } }).response?.availableIn
        if (retryAfter) ctx.response.header('retry-after', String(retryAfter))
      }
      const publicCode = known.key.split('.').at(-1)!
      return ctx.response
        .status(known.status)
        .send({ errors: [{ code: publicCode, message: t(known.key) }] })
    }

    const status = (error as { status?: number }).status ?? 500
    if (status >= 400 && status < 500) {
      return ctx.response.status(status).send({
        errors: [{ code: code || 'E_BAD_REQUEST', message: t('platform.errors.E_BAD_REQUEST') }],
      })
    }
    return ctx.response
      .status(500)
      .send({ errors: [{ code: 'E_INTERNAL', message: t('platform.errors.E_INTERNAL') }] })
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
