import string from '@adonisjs/core/helpers/string'
import { configProvider } from '@adonisjs/core'
import type { ConfigProvider } from '@adonisjs/core/types'
import type {
  SessionData,
  SessionStoreFactory,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'

/** Key under which the wrapper keeps, inside the stored data, when the stored copy expires. */
const EXPIRES_AT = '__expiresAt'

/** A session lasting `age` is stored again at most once per this fraction of its age while it is only read. */
const REFRESH_FRACTION = 12

/**
 * Wraps a store so that a session which was only read is not written back on every request. The stores
 * refresh the expiry on each read-only request (`touch`: one UPDATE or EXPIRE per request); this one
 * refreshes it only once the stored expiry has moved a twelfth of the session's age closer (about an hour
 * for a 12-hour session), so an idle session still ends between 11 and 12 hours after its last use.
 */
export class SlidingSessionStore implements SessionStoreWithTaggingContract {
  readonly #inner: SessionStoreWithTaggingContract
  readonly #ageMs: number
  /** The values read by this request and when their stored copy expires; the store lives one request. */
  #read: { values: SessionData; expiresAt: number } | null = null

  constructor(inner: SessionStoreWithTaggingContract, ageMs: number) {
    this.#inner = inner
    this.#ageMs = ageMs
  }

  async read(sessionId: string) {
    const stored = await this.#inner.read(sessionId)
    if (!stored) return null
    const expiresAt = stored[EXPIRES_AT]
    const values = SlidingSessionStore.#withoutExpiry(stored)
    this.#read = { values, expiresAt: typeof expiresAt === 'number' ? expiresAt : 0 }
    return values
  }

  /** The stored values without the wrapper's own key. */
  static #withoutExpiry({ [EXPIRES_AT]: _expiresAt, ...values }: SessionData) {
    return values
  }

  async write(sessionId: string, values: SessionData) {
    await this.#inner.write(sessionId, { ...values, [EXPIRES_AT]: Date.now() + this.#ageMs })
  }

  async touch(sessionId: string) {
    if (!this.#read) return this.#inner.touch(sessionId)
    const refreshAfter = this.#read.expiresAt - this.#ageMs + this.#ageMs / REFRESH_FRACTION
    if (Date.now() < refreshAfter) return
    await this.write(sessionId, this.#read.values)
  }

  destroy(sessionId: string) {
    return this.#inner.destroy(sessionId)
  }

  tag(sessionId: string, userId: string | number) {
    return this.#inner.tag(sessionId, userId)
  }

  untag(sessionId: string, userId: string | number) {
    return this.#inner.untag(sessionId, userId)
  }

  async tagged(userId: string) {
    const sessions = await this.#inner.tagged(userId)
    return sessions.map(({ id, data }) => ({ id, data: SlidingSessionStore.#withoutExpiry(data) }))
  }
}

/** A session store of `@adonisjs/session` (`stores.database(...)`, `stores.redis(...)`) wrapped in SlidingSessionStore. */
export function slidingStore(
  inner: ConfigProvider<SessionStoreFactory>
): ConfigProvider<SessionStoreFactory> {
  return configProvider.create(async (app) => {
    const factory = await inner.resolver(app)
    return (ctx, sessionConfig) =>
      new SlidingSessionStore(
        factory(ctx, sessionConfig) as SessionStoreWithTaggingContract,
        string.seconds.parse(sessionConfig.age) * 1000
      )
  })
}
