import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import User from '../models/user.ts'
import Membership from '../models/membership.ts'
import UserToken from '../models/user_token.ts'
import {
  changeEmailValidator,
  changePasswordValidator,
  confirmEmailChangeValidator,
  deleteAccountValidator,
  checkResetTokenValidator,
  endOtherSessionsValidator,
  forgotPasswordValidator,
  resetPasswordValidator,
  signInValidator,
  signUpValidator,
  updateProfileValidator,
  verifyEmailValidator,
} from '../validators/auth.ts'
import { DomainError } from '@ia/kernel/contracts'
import { userTokens } from '../services/user_tokens.ts'
import {
  auditUserEvent,
  endOtherCredentials,
  endUserAccessTokens,
  endUserSessions,
  requireBrowserSession,
  startUserSession,
} from '../services/user_sessions.ts'
import {
  accountLock,
  throttleAccountForm,
  tooManyAttempts,
  verifyCurrentPassword,
} from '../services/account_throttles.ts'
import { queuePasswordReset } from '../services/password_reset_requests.ts'
import { platformMailer } from '../services/platform_mailer.ts'
import { invitations } from '../services/invitations.ts'
import { accountChanges } from '../services/account_changes.ts'
import { serializeUser } from '../transformers/user_transformer.ts'
import { serializeOrganizationMembership } from '../transformers/organization_transformer.ts'

const invalidCredentials = () =>
  new DomainError('E_INVALID_CREDENTIALS', 400, 'platform.errors.E_INVALID_CREDENTIALS')

let dummyPasswordHash: Promise<string> | undefined

/** Spends the time of one password check when there is no account, so timing does not reveal which emails exist. */
async function verifyAgainstNothing(password: string) {
  dummyPasswordHash ??= hash.make('not-a-real-password-only-for-timing')
  await hash.verify(await dummyPasswordHash, password)
}

const UNIQUE_VIOLATION = '23505'

/** Sign-up, sign-in and everything a user does to their own account. */
export default class AuthController {
  async csrf({ response }: HttpContext) {
    return response.noContent()
  }

  async signUp(ctx: HttpContext) {
    requireBrowserSession(ctx)
    const payload = await ctx.request.validateUsing(signUpValidator)
    await throttleAccountForm(ctx, 'sign-up', payload.email)
    const invitation = payload.invitationToken
      ? await invitations.findPending(payload.invitationToken, 'invitationToken')
      : null
    if (invitation && invitation.email !== payload.email.toLowerCase()) {
      throw new DomainError(
        'E_INVITATION_OTHER_EMAIL',
        422,
        'platform.errors.E_INVITATION_OTHER_EMAIL',
        { email: invitation.email },
        'email'
      )
    }
    if (await User.findByEmail(payload.email)) {
      throw new DomainError('E_EMAIL_TAKEN', 422, 'platform.errors.E_EMAIL_TAKEN', {}, 'email')
    }
    const { user } = await db
      .transaction(async (trx) => {
        const created = await User.create(
          {
            fullName: payload.fullName,
            email: payload.email,
            password: payload.password,
            locale: payload.locale ?? (ctx.i18n.locale as 'fr' | 'en'),
            // The invitation link reached this mailbox: the address is proven.
            emailVerifiedAt: invitation ? DateTime.now() : null,
          },
          { client: trx }
        )
        if (invitation) {
          await invitations.accept(invitation, created, ctx.request.ip(), trx)
        } else {
          await platformMailer.sendEmailVerification(
            created,
            await userTokens.issue(created.id, 'verify_email', trx),
            trx
          )
        }
        return { user: created }
      })
      .catch((error) => {
        // Two sign-ups with one email at the same instant: the unique index decides.
        if (error?.code === UNIQUE_VIOLATION) {
          throw new DomainError('E_EMAIL_TAKEN', 422, 'platform.errors.E_EMAIL_TAKEN', {}, 'email')
        }
        throw error
      })
    await ctx.auth.use('web').login(user)
    await ctx.session.tag(user.id)
    const joined = invitation
      ? {
          organization: {
            id: invitation.organizationId,
            name: invitation.organization.name,
            role: invitation.role,
          },
        }
      : {}
    return ctx.response.created({ user: serializeUser(user), ...joined })
  }

  async signIn(ctx: HttpContext) {
    requireBrowserSession(ctx)
    const { email, password } = await ctx.request.validateUsing(signInValidator)
    await throttleAccountForm(ctx, 'sign-in')
    const user = await User.findByEmail(email)
    const [throttled, signedIn] = await accountLock().penalize(
      `sign-in:account:${email.toLowerCase()}`,
      async () => {
        if (!user) {
          await verifyAgainstNothing(password)
          throw invalidCredentials()
        }
        const passwordMatches = await user.verifyPassword(password)
        if (!passwordMatches || user.disabledAt) {
          await auditUserEvent(user, 'auth.sign_in_failed', ctx.request.ip(), {
            reason: passwordMatches ? 'disabled' : 'password',
          })
          throw invalidCredentials()
        }
        return user
      }
    )
    if (throttled) throw tooManyAttempts(ctx, throttled.response.availableIn, 'E_TOO_MANY_ATTEMPTS')
    await startUserSession(ctx, signedIn, 'password')
    return { user: serializeUser(signedIn) }
  }

  async signOut(ctx: HttpContext) {
    const user = ctx.auth.user!
    if (user.currentAccessToken) {
      await User.accessTokens.delete(user, user.currentAccessToken.identifier)
      return ctx.response.noContent()
    }
    await ctx.session.untag(user.id)
    await ctx.auth.use('web').logout()
    // An empty session is deleted from the store on commit, so the old cookie opens nothing.
    ctx.session.clear()
    return ctx.response.noContent()
  }

  async me({ auth }: HttpContext) {
    const user = auth.user!
    const memberships = await Membership.query().where('user_id', user.id).preload('organization')
    return {
      user: serializeUser(user),
      organizations: memberships
        .map(serializeOrganizationMembership)
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
    await verifyCurrentPassword(ctx, user, payload.currentPassword)
    const revokeAccessTokens = payload.revokeAccessTokens ?? true
    await endOtherCredentials(ctx, user, revokeAccessTokens, async (trx) => {
      user.useTransaction(trx)
      user.password = payload.password
      await user.save()
      await auditUserEvent(
        user,
        'auth.password_changed',
        ctx.request.ip(),
        { revokeAccessTokens },
        trx
      )
      await platformMailer.sendPasswordChanged(user, trx)
    })
    return ctx.response.noContent()
  }

  async endOtherSessions(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(endOtherSessionsValidator)
    const user = ctx.auth.user!
    const revokeAccessTokens = payload.revokeAccessTokens ?? true
    await endOtherCredentials(ctx, user, revokeAccessTokens, (trx) =>
      auditUserEvent(
        user,
        'auth.other_sessions_ended',
        ctx.request.ip(),
        { revokeAccessTokens },
        trx
      )
    )
    return ctx.response.noContent()
  }

  async forgotPassword(ctx: HttpContext) {
    const { email } = await ctx.request.validateUsing(forgotPasswordValidator)
    await throttleAccountForm(ctx, 'forgot-password', email)
    await queuePasswordReset(email)
    return ctx.response.accepted({})
  }

  async resetPassword(ctx: HttpContext) {
    const { token, password } = await ctx.request.validateUsing(resetPasswordValidator)
    const userId = await db.transaction(async (trx) => {
      const { userId: id } = await userTokens.redeem(token, 'reset_password', trx)
      const user = await User.findOrFail(id, { client: trx })
      user.password = password
      // The reset link reached this mailbox: the address is proven.
      user.emailVerifiedAt ??= DateTime.now()
      await user.save()
      // Whoever knew the old password may have made tokens with it: none outlives the reset.
      await endUserAccessTokens(id, undefined, trx)
      await UserToken.query({ client: trx })
        .where({ userId: id, purpose: 'reset_password' })
        .whereNull('used_at')
        .delete()
      return id
    })
    await endUserSessions(userId)
    return ctx.response.noContent()
  }

  async checkResetToken(ctx: HttpContext) {
    const { token } = await ctx.request.validateUsing(checkResetTokenValidator)
    if (!(await userTokens.isUsable(token, 'reset_password'))) {
      throw new DomainError('E_INVALID_TOKEN', 400, 'platform.errors.E_INVALID_TOKEN', {}, 'token')
    }
    return ctx.response.noContent()
  }

  async verifyEmail(ctx: HttpContext) {
    const { token } = await ctx.request.validateUsing(verifyEmailValidator)
    await db.transaction(async (trx) => {
      const user = await User.findOrFail(
        (await userTokens.redeem(token, 'verify_email', trx)).userId,
        { client: trx }
      )
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
    await db.transaction(async (trx) => {
      await platformMailer.sendEmailVerification(
        user,
        await userTokens.issue(user.id, 'verify_email', trx),
        trx
      )
    })
    return ctx.response.noContent()
  }

  async changeEmail(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(changeEmailValidator)
    const user = ctx.auth.user!
    await throttleAccountForm(ctx, 'change-email', user.id)
    await verifyCurrentPassword(ctx, user, payload.currentPassword)
    await accountChanges.requestEmailChange(user, payload.email)
    return ctx.response.accepted({})
  }

  async confirmEmailChange(ctx: HttpContext) {
    const { token } = await ctx.request.validateUsing(confirmEmailChangeValidator)
    const user = await accountChanges.confirmEmailChange(token, ctx.request.ip())
    return { user: serializeUser(user) }
  }

  async deletionPlan({ auth }: HttpContext) {
    return accountChanges.deletionPlan(auth.user!)
  }

  async deleteAccount(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(deleteAccountValidator)
    const user = ctx.auth.user!
    await throttleAccountForm(ctx, 'delete-account', user.id)
    await verifyCurrentPassword(ctx, user, payload.currentPassword)
    await accountChanges.deleteAccount(user, ctx.request.ip())
    if (ctx.session) ctx.session.clear()
    return ctx.response.noContent()
  }
}
