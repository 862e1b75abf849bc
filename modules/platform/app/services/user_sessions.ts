import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { SessionCollection } from '@adonisjs/session'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '../models/user.ts'
import Membership from '../models/membership.ts'
import { auditLog } from './audit_log.ts'

/** Ends a user's server-side sessions at once (every one, or all but `keepSessionId`). */
export async function endUserSessions(userId: string, keepSessionId?: string) {
  const sessions = await app.container.make(SessionCollection)
  for (const session of await sessions.tagged(userId)) {
    if (session.id !== keepSessionId) await sessions.destroy(session.id)
  }
}

/** Writes one audit line about a user in every organisation they belong to, in one transaction. */
export async function auditUserEvent(user: User, action: string, ip: string, metadata: Record<string, unknown> = {}) {
  await db.transaction(async (trx) => {
    const memberships = await Membership.query({ client: trx }).where('user_id', user.id)
    for (const membership of memberships) {
      await auditLog.record(
        { organizationId: membership.organizationId, actorId: user.id, action, subjectType: 'user', subjectId: user.id, metadata, ip },
        trx
      )
    }
  })
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
