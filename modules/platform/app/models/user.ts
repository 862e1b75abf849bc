import { DateTime } from 'luxon'
import { BaseModel, afterDelete, afterSave, beforeSave, column } from '@adonisjs/lucid/orm'
import type { AccessToken } from '@adonisjs/auth/access_tokens'
import hash from '@adonisjs/core/services/hash'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { PersonalAccessTokens } from '../services/access_tokens.ts'
import { accessCache, accessTags } from '../services/access_cache.ts'

/** A person who signs in; belongs to organisations through memberships. */
export default class User extends BaseModel {
  static table = 'platform.users'

  static accessTokens = new PersonalAccessTokens({
    tokenableModel: User,
    table: 'platform.auth_access_tokens',
    type: 'personal_access_token',
    prefix: 'ias_',
  })

  /**
   * Tokens narrowed to one organisation and some scopes (a vendor module's, an integration's API key),
   * issued through the kernel's scoped-tokens port, kept apart from the personal tokens the user lists.
   */
  static scopedTokens = new PersonalAccessTokens({
    tokenableModel: User,
    table: 'platform.auth_access_tokens',
    type: 'scoped_token',
    prefix: 'iasc_',
  })

  /** The personal access token of the current request, when it authenticated with one. */
  declare currentAccessToken?: AccessToken

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare email: string

  @column()
  declare fullName: string

  @column({ serializeAs: null })
  declare password: string | null

  @column()
  declare locale: 'fr' | 'en'

  @column.dateTime()
  declare emailVerifiedAt: DateTime | null

  @column.dateTime()
  declare disabledAt: DateTime | null

  /** Runs the platform itself: approves marketplace vendors, reviews their packages, stages roll-outs (`node ace users:platform-admin`). */
  @column()
  declare isPlatformAdmin: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @beforeSave()
  static async normalize(user: User) {
    if (user.$dirty.email) user.email = user.email.trim().toLowerCase()
    if (user.$dirty.password && user.password) user.password = await hash.make(user.password)
  }

  /** What the access cache holds about the user (their tokens, sessions, memberships) is read again after a change. */
  @afterSave()
  @afterDelete()
  static async forgetCachedAccess(user: User) {
    await accessCache.invalidateAfterCommit([accessTags.user(user.id)], user.$trx)
  }

  /** Finds a user by email, whatever its case (inside `client`'s transaction when given). */
  static findByEmail(email: string, client?: QueryClientContract) {
    return this.query({ client }).whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).first()
  }

  /** Checks a plain password against the stored hash (false for accounts without one). */
  async verifyPassword(plain: string) {
    if (!this.password) return false
    return hash.verify(this.password, plain)
  }
}
