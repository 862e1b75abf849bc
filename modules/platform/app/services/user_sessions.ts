import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { SessionCollection } from '@adonisjs/session'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '../models/user.ts'
import Membership from '../models/membership.ts'
import { auditLog } from './audit_log.ts'
import { live } from './live/live.ts'
import { accessCache, accessTags } from './access_cache.ts'
import { DomainError } from '@ia/kernel/contracts'

/** Ends a user's server-side sessions at once (every one, or all but `keepSessionId`). */
export async function endUserSessions(userId: string, keepSessionId?: string) {
  const sessions = await app.container.make(SessionCollection)
  for (const session of await sessions.tagged(userId)) {
    if (session.id !== keepSessionId) await sessions.destroy(session.id)
  }
  // Streams are not tied to a session: end them all, and the browsers still signed in reconnect.
  await live.disconnect(userId)
}

/**
 * Ends a user's personal access tokens (every one, or all but `keepTokenId`), in the caller's
 * transaction when given; a request made with an ended token is refused at once.
 */
export async function endUserAccessTokens(
  userId: string,
  keepTokenId?: string | number | BigInt,
  client?: TransactionClientContract
) {
  const query = (client ?? db).from('platform.auth_access_tokens').where('tokenable_id', userId)
  if (keepTokenId !== undefined) query.whereNot('id', String(keepTokenId))
  await query.delete()
  await accessCache.invalidateAfterCommit([accessTags.user(userId)], client)
}

/**
 * Ends every credential of the signed-in user but the one making the request: their personal access
 * tokens when `revokeAccessTokens` (in one transaction with `change`, the change that calls for it),
 * then, once that is committed, their other sessions.
 */
export async function endOtherCredentials(
  ctx: HttpContext,
  user: User,
  revokeAccessTokens: boolean,
  change: (trx: TransactionClientContract) => Promise<void>
) {
  const token = user.currentAccessToken
  await db.transaction(async (trx) => {
    await change(trx)
    if (revokeAccessTokens) await endUserAccessTokens(user.id, token?.identifier, trx)
  })
  await endUserSessions(user.id, token ? undefined : ctx.session.sessionId)
}

/**
 * Writes one audit line about a user in every organisation they belong to, in one transaction.
 * The actor is the user themself unless `actorId` says otherwise (null: the platform's operators).
 */
export async function auditUserEvent(
  user: User,
  action: string,
  ip: string | null,
  metadata: Record<string, unknown> = {},
  client?: TransactionClientContract,
  actorId: string | null = user.id
) {
  const record = async (trx: TransactionClientContract) => {
    const memberships = await Membership.query({ client: trx }).where('user_id', user.id)
    for (const membership of memberships) {
      await auditLog.record(
        {
          organizationId: membership.organizationId,
          actorId,
          action,
          subjectType: 'user',
          subjectId: user.id,
          metadata,
          ip,
        },
        trx
      )
    }
  }
  await (client ? record(client) : db.transaction(record))
}

/**
 * Fails with 400 when the request has no browser session to sign into: one sent with a Bearer
 * token skips the session middleware, and must not create an account it then cannot sign in.
 */
export function requireBrowserSession(ctx: HttpContext) {
  if (!ctx.session) throw new DomainError('E_BAD_REQUEST', 400, 'platform.errors.E_BAD_REQUEST')
}

/**
 * Signs `user` in on the session guard: the guard issues a new session id (no fixation), the
 * session is tagged with the user so it can be ended from elsewhere, and the sign-in is audited.
 */
export async function startUserSession(ctx: HttpContext, user: User, method: string) {
  await ctx.auth.use('web').login(user)
  await ctx.session.tag(user.id)
  await auditUserEvent(user, 'auth.signed_in', ctx.request.ip(), { method })
}
