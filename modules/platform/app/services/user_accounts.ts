import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import User from '../models/user.ts'
import { auditUserEvent, endUserSessions } from './user_sessions.ts'

/** Disabling and enabling whole accounts: a platform operator's act, across every organisation. */
export const userAccounts = {
  /**
   * Refuses every later sign-in, session and token of `user`, and ends their open sessions and live
   * streams at once; each of their organisations' audit logs records it. False when already disabled.
   */
  async disable(user: User, reason: string) {
    const changed = await db.transaction(async (trx) => {
      const locked = await User.query({ client: trx })
        .where('id', user.id)
        .forUpdate()
        .firstOrFail()
      if (locked.disabledAt) return false
      locked.disabledAt = DateTime.now()
      await locked.useTransaction(trx).save()
      await auditUserEvent(locked, 'user.disabled', null, { reason }, trx, null)
      return true
    })
    if (changed) await endUserSessions(user.id)
    return changed
  },

  /** Lets `user` sign in again; false when the account was not disabled. */
  async enable(user: User) {
    return db.transaction(async (trx) => {
      const locked = await User.query({ client: trx })
        .where('id', user.id)
        .forUpdate()
        .firstOrFail()
      if (!locked.disabledAt) return false
      locked.disabledAt = null
      await locked.useTransaction(trx).save()
      await auditUserEvent(locked, 'user.enabled', null, {}, trx, null)
      return true
    })
  },
}
