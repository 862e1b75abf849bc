import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import UserToken, { type UserTokenPurpose } from '../models/user_token.ts'
import { createOneTimeToken, hashToken } from './one_time_token.ts'
import { DomainError } from '@ia/kernel/contracts'

const LIFETIME_HOURS: Record<UserTokenPurpose, number> = {
  verify_email: 48,
  reset_password: 1,
  change_email: 24,
}

/** Issues and redeems the one-time tokens sent by email. */
export const userTokens = {
  /**
   * Creates a token for `purpose`, replacing the user's unused ones; returns the plain token to email.
   * A `change_email` token carries the address it moves the account to.
   */
  async issue(
    userId: string,
    purpose: UserTokenPurpose,
    trx?: TransactionClientContract,
    newEmail: string | null = null
  ) {
    await UserToken.query({ client: trx }).where({ userId, purpose }).whereNull('used_at').delete()
    const { token, hash } = createOneTimeToken()
    await UserToken.create(
      {
        userId,
        purpose,
        tokenHash: hash,
        newEmail,
        expiresAt: DateTime.now().plus({ hours: LIFETIME_HOURS[purpose] }),
      },
      { client: trx }
    )
    return token
  },

  /** Whether `token` would be accepted for `purpose` now (unknown, used and expired ones are not). */
  async isUsable(token: string, purpose: UserTokenPurpose) {
    const row = await UserToken.query()
      .where({ tokenHash: hashToken(token), purpose })
      .whereNull('used_at')
      .where('expires_at', '>', DateTime.now().toSQL()!)
      .first()
    return row !== null
  },

  /** Marks a valid token used and returns it; an unknown, used or expired token is a 400. */
  async redeem(token: string, purpose: UserTokenPurpose, trx: TransactionClientContract) {
    const row = await UserToken.query({ client: trx })
      .where({ tokenHash: hashToken(token), purpose })
      .whereNull('used_at')
      .where('expires_at', '>', DateTime.now().toSQL()!)
      .forUpdate()
      .first()
    if (!row)
      throw new DomainError('E_INVALID_TOKEN', 400, 'platform.errors.E_INVALID_TOKEN', {}, 'token')
    row.usedAt = DateTime.now()
    await row.save()
    return row
  },
}
