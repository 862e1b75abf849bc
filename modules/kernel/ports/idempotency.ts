import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** What an idempotent write answers: its HTTP status and body, stored with its key and replayed as is. */
export type IdempotentAnswer = { status: number; body: Record<string, unknown> }

/**
 * Makes a write safe to retry with an `Idempotency-Key` header: the key is claimed in the write's own
 * transaction, so the same key twice (even at the same moment) has one effect and gets the same answer,
 * and the same key with another body (or on another route) is a 422 on `Idempotency-Key`. A failed write
 * rolls back with its key, so it can be retried. Without the header the write simply runs in a transaction.
 */
export interface Idempotency {
  /** Runs `work` in one transaction at most once per organisation and key, and answers its result (or the stored one). */
  run(
    ctx: HttpContext,
    work: (trx: TransactionClientContract) => Promise<IdempotentAnswer>
  ): Promise<IdempotentAnswer & { replayed: boolean }>
}
