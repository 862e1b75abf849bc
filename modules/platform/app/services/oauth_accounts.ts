import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { AllyUserContract, Oauth2AccessToken } from '@adonisjs/ally/types'
import User from '../models/user.ts'
import OauthIdentity from '../models/oauth_identity.ts'
import { auditLog } from './audit_log.ts'
import Membership from '../models/membership.ts'

/** Why an OAuth profile cannot sign anyone in; `code` goes to the sign-in page as `?error=<code>`. */
export class OauthAccountError extends Error {
  constructor(readonly code: 'no_verified_email' | 'account_disabled') {
    super(code)
  }
}

/** What the callback needs to know about the account the profile signs into. */
export type ResolvedAccount = {
  user: User
  /** A local account without a proven address was claimed: its password and sessions must go. */
  takenOver: boolean
}

/**
 * Finds the user an OAuth/OIDC profile signs in as, in one transaction: by the provider's subject
 * when already linked, else by the verified email (linking it), else a new user.
 */
export async function resolveOauthAccount(
  provider: string,
  profile: Pick<
    AllyUserContract<Oauth2AccessToken>,
    'id' | 'email' | 'emailVerificationState' | 'name' | 'nickName'
  >,
  context: { locale: 'fr' | 'en'; ip: string }
): Promise<ResolvedAccount> {
  return db.transaction(async (trx) => {
    const identity = await OauthIdentity.query({ client: trx })
      .where({ provider, subject: profile.id })
      .forUpdate()
      .first()
    let user = identity ? await User.find(identity.userId, { client: trx }) : null
    let takenOver = false

    if (!user) {
      const email = profile.email?.trim().toLowerCase()
      if (!email || profile.emailVerificationState !== 'verified')
        throw new OauthAccountError('no_verified_email')
      user = await User.query({ client: trx })
        .whereRaw('lower(email) = ?', [email])
        .forUpdate()
        .first()
      if (!user) {
        user = await User.create(
          {
            email,
            fullName: (profile.name || profile.nickName || email.split('@')[0]).slice(0, 120),
            password: null,
            locale: context.locale,
            emailVerifiedAt: DateTime.now(),
          },
          { client: trx }
        )
      } else if (!user.emailVerifiedAt) {
        // Whoever registered this address never proved it; the provider just did. Dropping the
        // password stops a squatter who pre-registered the address from sharing the account.
        user.useTransaction(trx)
        user.password = null
        user.emailVerifiedAt = DateTime.now()
        await user.save()
        takenOver = true
      }
      await OauthIdentity.create(
        { userId: user.id, provider, subject: profile.id },
        { client: trx }
      )
      const memberships = await Membership.query({ client: trx }).where('user_id', user.id)
      for (const membership of memberships) {
        await auditLog.record(
          {
            organizationId: membership.organizationId,
            actorId: user.id,
            action: 'auth.oauth_linked',
            subjectType: 'user',
            subjectId: user.id,
            metadata: { provider, passwordRemoved: takenOver },
            ip: context.ip,
          },
          trx
        )
      }
    }
    if (user.disabledAt) throw new OauthAccountError('account_disabled')
    return { user, takenOver }
  })
}
