import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { DomainError } from '@ia/kernel/contracts'
import { MAX_PREFERENCE_BYTES } from '../validators/preferences.ts'

/** One saved preference of a user; `value` is null and `updatedAt` too while the user never saved it. */
export type UserPreference = { key: string; value: unknown; updatedAt: DateTime | null }

const TABLE = 'platform.user_preferences'

/** A user's interface choices, kept on the server so that they follow the user to every device. */
export const userPreferences = {
  async get(userId: string, key: string): Promise<UserPreference> {
    const row = await db.from(TABLE).where({ user_id: userId, key }).first()
    return row
      ? { key, value: row.value, updatedAt: DateTime.fromJSDate(row.updated_at) }
      : { key, value: null, updatedAt: null }
  },

  /** Saves (or replaces) one preference; refuses a value whose JSON is larger than MAX_PREFERENCE_BYTES. */
  async save(userId: string, key: string, value: unknown): Promise<UserPreference> {
    const json = JSON.stringify(value)
    if (Buffer.byteLength(json) > MAX_PREFERENCE_BYTES) {
      throw new DomainError(
        'E_PREFERENCE_TOO_LARGE',
        422,
        'platform.errors.E_PREFERENCE_TOO_LARGE',
        { max: MAX_PREFERENCE_BYTES },
        'value'
      )
    }
    const updatedAt = DateTime.now()
    await db
      .table(TABLE)
      .insert({ user_id: userId, key, value: json, updated_at: updatedAt.toJSDate() })
      .onConflict(['user_id', 'key'])
      .merge(['value', 'updated_at'])
    return { key, value, updatedAt }
  },
}
