import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import { platformConfig } from '../services/platform_config.ts'
import type { HttpContext } from '@adonisjs/core/http'
import User from '../models/user.ts'
import Membership from '../models/membership.ts'
import {
  changePasswordValidator,
  forgotPasswordValidator,
  resetPasswordValidator,
  signInValidator,
  signUpValidator,
  updateProfileValidator,
  verifyEmailValidator,
} from '../validators/auth.ts'
import { DomainError } from '../../contracts/domain_error.ts'
import { auditLog } from '../services/audit_log.ts'
import { userTokens } from '../services/user_tokens.ts'
import { endUserSessions } from '../services/user_sessions.ts'
import { platformMailer } from '../services/platform_mailer.ts'
import { serializeUser } from '../transformers/user_transformer.ts'

const invalidCredentials = () =>
  new DomainError('E_INVALID_CREDENTIALS', 400, 'platform.errors.E_INVALID_CREDENTIALS')

/** Sign-up, sign-in and everything a user does to their own account. */
export default class AuthController {
  async csrf({ response }: HttpContext) {
    return response.noContent()
  }

  async signUp(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(signUpValidator)
    if (await User.findByEmail(payload.email)) {
      throw new DomainError('E_EMAIL_TAKEN', 422, 'platform.errors.E_EMAIL_TAKEN', {}, 'email')
    }
    const { user, token } = await db.transaction(async (trx) => {
      const created = await User.create(
        { fullName: payload.fullName, email: payload.email, password: payload.password, locale: payload.locale ?? (ctx.i18n.locale as 'fr' | 'en') },
        { client: trx }
      )
      return { user: created, token: await userTokens.issue(created.id, 'verify_email', trx) }
    })
    await ctx.auth.use('web').login(user)
    await ctx.session.tag(user.id)
    await platformMailer.sendEmailVerification(user, token)
    return ctx.response.created({ user: serializeUser(user) })
  }

  async signIn(ctx: HttpContext) {
    const { email, password } = await ctx.request.validateUsing(signInValidator)
    const ipThrottle = limiter.use({ requests: 30, duration: '1 min', blockDuration: '5 mins' })
    await ipThrottle.consume(`sign-in:ip:${ctx.request.ip()}`)

    const accountLock = limiter.use({
      requests: platformConfig.signIn.maxAttempts,
      duration: `${platformConfig.signIn.lockMinutes} mins`,
      blockDuration: `${platformConfig.signIn.lockMinutes} mins`,
    })
    const user = await User.findByEmail(email)
    const [throttled, signedIn] = await accountLock.penalize(`sign-in:account:${email.toLowerCase()}`, async () => {
      if (!user || user.disabledAt || !(await user.verifyPassword(password))) {
        if (user) await this.#auditForUser(user, 'auth.sign_in_failed', ctx.request.ip())
        throw invalidCredentials()
      }
      return user
    })
    if (throttled) throw throttled
    await ctx.auth.use('web').login(signedIn)
    await ctx.session.tag(signedIn.id)
    await this.#auditForUser(signedIn, 'auth.signed_in', ctx.request.ip())
    return { user: serializeUser(signedIn) }
  }

  async #auditForUser(user: User, action: string, ip: string) {
    const memberships = await Membership.query().where('user_id', user.id)
    for (const membership of memberships) {
      await auditLog.record({ organizationId: membership.organizationId, actorId: user.id, action, subjectType: 'user', subjectId: user.id, ip })
    }
  }

  async signOut(ctx: HttpContext) {
    const user = ctx.auth.user!
    await ctx.auth.use('web').logout()
    await ctx.session.untag(user.id)
    ctx.session.clear()
    return ctx.response.noContent()
  }

  async me({ auth }: HttpContext) {
    const user = auth.user!
    const memberships = await Membership.query().where('user_id', user.id).preload('organization')
    return {
      user: serializeUser(user),
      organizations: memberships
        .map((membership) => ({ id: membership.organizationId, name: membership.organization.name, role: membership.role }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }
  }

  async updateMe(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateProfileValidator)
    const user = ctx.auth.user!
    user.merge(payload)
    await user.save()
    return { user: serializeUser(user) }
  }

  async changePassword(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(changePasswordValidator)
    const user = ctx.auth.user!
    if (!(await user.verifyPassword(payload.currentPassword))) {
      throw new DomainError('E_WRONG_PASSWORD', 422, 'platform.errors.E_WRONG_PASSWORD', {}, 'currentPassword')
    }
    user.password = payload.password
    await user.save()
    if (payload.signOutOtherSessions) await endUserSessions(user.id, ctx.session.sessionId)
    return ctx.response.noContent()
  }

  async forgotPassword(ctx: HttpContext) {
    const { email } = await ctx.request.validateUsing(forgotPasswordValidator)
    const throttle = limiter.use({ requests: 5, duration: '15 mins' })
    await throttle.consume(`forgot-password:${email.toLowerCase()}`)
    const user = await User.findByEmail(email)
    if (user && !user.disabledAt) {
      const token = await userTokens.issue(user.id, 'reset_password')
      await platformMailer.sendPasswordReset(user, token)
    }
    return ctx.response.accepted({})
  }

  async resetPassword(ctx: HttpContext) {
    const { token, password } = await ctx.request.validateUsing(resetPasswordValidator)
    const userId = await db.transaction(async (trx) => {
      const id = await userTokens.redeem(token, 'reset_password', trx)
      const user = await User.findOrFail(id, { client: trx })
      user.password = password
      await user.save()
      return id
    })
    await endUserSessions(userId)
    return ctx.response.noContent()
  }

  async verifyEmail(ctx: HttpContext) {
    const { token } = await ctx.request.validateUsing(verifyEmailValidator)
    await db.transaction(async (trx) => {
      const user = await User.findOrFail(await userTokens.redeem(token, 'verify_email', trx), { client: trx })
      user.emailVerifiedAt = DateTime.now()
      await user.save()
    })
    return ctx.response.noContent()
  }

  async resendVerification(ctx: HttpContext) {
    const user = ctx.auth.user!
    if (user.emailVerifiedAt) return ctx.response.noContent()
    const throttle = limiter.use({ requests: 3, duration: '15 mins' })
    await throttle.consume(`verify-email:${user.id}`)
    await platformMailer.sendEmailVerification(user, await userTokens.issue(user.id, 'verify_email'))
    return ctx.response.noContent()
  }
}
