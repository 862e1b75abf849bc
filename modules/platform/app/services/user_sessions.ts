import app from '@adonisjs/core/services/app'
import { SessionCollection } from '@adonisjs/session'

/** Ends a user's server-side sessions at once (every one, or all but `keepSessionId`). */
export async function endUserSessions(userId: string, keepSessionId?: string) {
  const sessions = await app.container.make(SessionCollection)
  for (const session of await sessions.tagged(userId)) {
    if (session.id !== keepSessionId) await sessions.destroy(session.id)
  }
}
