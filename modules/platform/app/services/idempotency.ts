import { createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import stringify from 'safe-stable-stringify'
import { DomainError, tenantContext, type Idempotency } from '@ia/kernel/contracts'

const HEADER = 'Idempotency-Key'
/** Visible ASCII, as the IETF draft's examples and every payment API accept. */
const VALID_KEY = /^[\x21-\x7e]{1,200}$/

/** What the request asks for: its route, path parameters and body, independent of key order in the JSON. */
function fingerprintOf(ctx: HttpContext) {
  const request = `${ctx.request.method()} ${ctx.route?.pattern ?? ctx.request.url()}`
  return createHash('sha256')
    .update(stringify({ request, params: ctx.params, body: ctx.request.body() }) ?? '')
    .digest('hex')
}

/**
 * The platform's implementation of the kernel's `Idempotency` port. The key's row is inserted in the
 * write's transaction: a concurrent request with the same key waits on that row's unique index until the
 * first commits (then replays its answer) or rolls back (then runs itself). Nothing is cached in memory,
 * so it holds across processes.
 */
export const idempotency: Idempotency = {
  async run(ctx, work) {
    const key = ctx.request.header(HEADER)
    if (key === undefined) return { ...(await db.transaction(work)), replayed: false }
    if (!VALID_KEY.test(key))
      throw new DomainError(
        'E_IDEMPOTENCY_KEY_INVALID',
        422,
        'platform.errors.E_IDEMPOTENCY_KEY_INVALID',
        {},
        HEADER
      )
    const scope = tenantContext.current() ?? `user:${ctx.auth.user?.id ?? 'anonymous'}`
    const fingerprint = fingerprintOf(ctx)
    return db.transaction(async (trx) => {
      const claimed = await trx.rawQuery(
        'INSERT INTO platform.idempotency_keys (scope, key, fingerprint) VALUES (?, ?, ?) ON CONFLICT (scope, key) DO NOTHING RETURNING key',
        [scope, key, fingerprint]
      )
      if (claimed.rows.length === 0) {
        const stored = await trx
          .from('platform.idempotency_keys')
          .where({ scope, key })
          .firstOrFail()
        if (stored.fingerprint !== fingerprint) {
          throw new DomainError(
            'E_IDEMPOTENCY_KEY_REUSED',
            422,
            'platform.errors.E_IDEMPOTENCY_KEY_REUSED',
            {},
            HEADER
          )
        }
        return { status: stored.response_status, body: stored.response_body, replayed: true }
      }
      const answer = await work(trx)
      await trx
        .from('platform.idempotency_keys')
        .where({ scope, key })
        .update({ response_status: answer.status, response_body: JSON.stringify(answer.body) })
      return { ...answer, replayed: false }
    })
  },
}
