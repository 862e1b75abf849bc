import { HttpContext } from '@adonisjs/core/http'
import { AccessToken, AccessTokensLucidUserProvider, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import type { Secret } from '@adonisjs/core/helpers'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import { aliasedColumns, splitRow } from './joined_rows.ts'
import type { AccessTokenDbColumns, LucidTokenable } from '@adonisjs/auth/types/access_tokens'

/** "Last used" is shown to the minute: writing it more often would be one UPDATE per API call. */
const LAST_USED_PRECISION_MS = 60 * 1000

/** The user each request's token verification already read, for the guard's lookup that follows it. */
const usersByRequest = new WeakMap<HttpContext, LucidRow>()

/**
 * Personal access tokens, verified in one query that reads the token and its user together (the guard
 * then asks for the user: TokenUserProvider answers from this read). The secret is checked before
 * anything is written, and `last_used_at` is written at most once a minute.
 */
export class PersonalAccessTokens<Tokenable extends LucidModel> extends DbAccessTokensProvider<Tokenable> {
  #userColumns?: string[]

  async verify(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const db = await this.getDb()
    const model = this.options.tokenableModel
    const row = await db
      .query()
      .from(`${this.table} as token`)
      .join(`${model.table} as account`, 'account.id', 'token.tokenable_id')
      .where('token.id', decoded.identifier)
      .where('token.type', this.type)
      .select('token.*', ...(this.#userColumns ??= aliasedColumns(model, 'account')))
      .first()
    if (!row) return null

    const { own: tokenRow, joined: userRow } = splitRow(row, 'account')
    const accessToken = this.dbRowToAccessToken(tokenRow as unknown as AccessTokenDbColumns)
    if (!accessToken.verify(decoded.secret) || accessToken.isExpired()) return null

    const now = new Date()
    const lastUsed = tokenRow.last_used_at ? new Date(tokenRow.last_used_at as string | Date).getTime() : 0
    if (now.getTime() - lastUsed >= LAST_USED_PRECISION_MS) {
      await db.from(this.table).where('id', tokenRow.id as string).update({ last_used_at: now })
      accessToken.lastUsedAt = now
    }
    const ctx = HttpContext.get()
    if (ctx) usersByRequest.set(ctx, model.$createFromAdapterResult(userRow)!)
    return accessToken
  }
}

/** The tokens guard's user provider, answering from the user PersonalAccessTokens read with the token. */
export class TokenUserProvider<TokenableProperty extends string, UserModel extends LucidTokenable<TokenableProperty>> extends AccessTokensLucidUserProvider<TokenableProperty, UserModel> {
  async findById(identifier: string | number | bigint) {
    const ctx = HttpContext.get()
    const user = ctx ? usersByRequest.get(ctx) : undefined
    if (ctx) usersByRequest.delete(ctx)
    if (user && user.$primaryKeyValue === identifier) return this.createUserForGuard(user as InstanceType<UserModel>)
    return super.findById(identifier)
  }
}
