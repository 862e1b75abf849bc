import { HttpContext } from '@adonisjs/core/http'
import {
  AccessToken,
  AccessTokensLucidUserProvider,
  DbAccessTokensProvider,
} from '@adonisjs/auth/access_tokens'
import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import type { LucidAuthenticatable } from '@adonisjs/auth/types/session'
import type { Secret } from '@adonisjs/core/helpers'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import { aliasedColumns, copyOfRow, splitRow } from './joined_rows.ts'
import { accessCache, accessTags } from './access_cache.ts'
import type { AccessTokenDbColumns, LucidTokenable } from '@adonisjs/auth/types/access_tokens'

/** "Last used" is shown to the minute: writing it more often would be one UPDATE per API call. */
const LAST_USED_PRECISION_MS = 60 * 1000

/** The user each request's token verification already read, for the guard's lookup that follows it. */
const usersByRequest = new WeakMap<HttpContext, LucidRow>()

/**
 * Personal access tokens, verified in one query that reads the token and its user together (the guard
 * then asks for the user: TokenUserProvider answers from this read), kept in the access cache until the
 * token or the user changes. The secret is checked before anything is written, and `last_used_at` is
 * written at most once a minute.
 */
export class PersonalAccessTokens<
  Tokenable extends LucidModel,
> extends DbAccessTokensProvider<Tokenable> {
  #userColumns?: string[]

  async verify(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const model = this.options.tokenableModel
    const rows = await accessCache.remember(
      `token:${decoded.identifier}`,
      async () => {
        const row = await (
          await this.getDb()
        )
          .query()
          .from(`${this.table} as token`)
          .join(`${model.table} as account`, 'account.id', 'token.tokenable_id')
          .where('token.id', decoded.identifier)
          .where('token.type', this.type)
          .select('token.*', ...(this.#userColumns ??= aliasedColumns(model, 'account')))
          .first()
        if (!row) return null
        const { own: token, joined: user } = splitRow(row, 'account')
        return { token, user: model.$createFromAdapterResult(user)! }
      },
      (found) => [
        accessTags.token(found.token.id as string),
        accessTags.user(String(found.user.$primaryKeyValue)),
      ]
    )
    if (!rows) return null

    const { token: tokenRow, user } = rows
    const accessToken = this.dbRowToAccessToken(tokenRow as unknown as AccessTokenDbColumns)
    if (!accessToken.verify(decoded.secret) || accessToken.isExpired()) return null

    const now = new Date()
    const lastUsed = tokenRow.last_used_at
      ? new Date(tokenRow.last_used_at as string | Date).getTime()
      : 0
    if (now.getTime() - lastUsed >= LAST_USED_PRECISION_MS) {
      await (
        await this.getDb()
      )
        .from(this.table)
        .where('id', tokenRow.id as string)
        .update({ last_used_at: now })
      // The cached row too, or every request would write it again until the entry expires.
      tokenRow.last_used_at = now
      accessToken.lastUsedAt = now
    }
    const ctx = HttpContext.get()
    if (ctx) usersByRequest.set(ctx, copyOfRow(user))
    return accessToken
  }

  /** Deletes one of `user`'s tokens; a request made with it is refused at once, in every process. */
  async delete(user: InstanceType<Tokenable>, identifier: string | number | BigInt) {
    const deleted = await super.delete(user, identifier)
    await accessCache.invalidate([accessTags.token(String(identifier))])
    return deleted
  }

  /** Deletes every token of `user`; a request made with one is refused at once, in every process. */
  async deleteAll(user: InstanceType<Tokenable>) {
    const deleted = await super.deleteAll(user)
    await accessCache.invalidate([accessTags.user(String(user.$primaryKeyValue))])
    return deleted
  }

  /** Deletes the token `tokenValue`; a request made with it is refused at once, in every process. */
  async invalidate(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    const invalidated = await super.invalidate(tokenValue)
    if (decoded) await accessCache.invalidate([accessTags.token(decoded.identifier)])
    return invalidated
  }
}

/** The tokens guard's user provider, answering from the user PersonalAccessTokens read with the token. */
export class TokenUserProvider<
  TokenableProperty extends string,
  UserModel extends LucidTokenable<TokenableProperty>,
> extends AccessTokensLucidUserProvider<TokenableProperty, UserModel> {
  async findById(identifier: string | number | bigint) {
    const ctx = HttpContext.get()
    const user = ctx ? usersByRequest.get(ctx) : undefined
    if (ctx) usersByRequest.delete(ctx)
    if (user && user.$primaryKeyValue === identifier)
      return this.createUserForGuard(user as InstanceType<UserModel>)
    return super.findById(identifier)
  }
}

/**
 * The session guard's user provider, answering from the access cache: the user a session names is read once,
 * then again only after the user changes (a disabled account or a new password apply to the next request).
 */
export class SessionUserProvider<
  UserModel extends LucidAuthenticatable,
> extends SessionLucidUserProvider<UserModel> {
  async findById(identifier: string | number | bigint) {
    const model = await this.getModel()
    const user = await accessCache.remember(
      `user:${identifier}`,
      () => model.find(identifier),
      () => [accessTags.user(String(identifier))]
    )
    if (!user) return null
    return this.createUserForGuard(copyOfRow(user) as InstanceType<UserModel>)
  }
}
