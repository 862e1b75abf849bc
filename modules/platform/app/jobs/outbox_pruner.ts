import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'

/** Rows deleted per statement, so that no prune holds long locks or a long transaction. */
const CHUNK = 5000

/**
 * Deletes what only history needs: outbox rows published (and not failed: a failed row records why an
 * event consumer gave up) more than `afterDays` ago, the records of handled messages as old, unless
 * a delivery of that message is still pending, and `Idempotency-Key`s as old. A redelivery older than that could run again, so the
 * retention must exceed the longest time a message can wait in a queue.
 */
export class OutboxPruner {
  /** Published outbox rows and handled-message records older than `afterDays` are deleted. */
  constructor(private readonly afterDays: number) {}

  /** Prunes once (between chunks, until `stopping` says to end); answers how many rows went from each table. */
  async pruneOnce(stopping?: AbortSignal) {
    const cutoff = new Date(Date.now() - this.afterDays * 24 * 60 * 60 * 1000)
    const outbox = await this.#inChunks(
      `DELETE FROM platform.outbox WHERE id IN (
         SELECT id FROM platform.outbox WHERE published_at < ? AND failed_at IS NULL LIMIT ${CHUNK}
       )`,
      [cutoff],
      stopping
    )
    const processed = await this.#inChunks(
      `DELETE FROM platform.processed_messages WHERE (message_id, consumer) IN (
         SELECT handled.message_id, handled.consumer FROM platform.processed_messages handled
         WHERE handled.processed_at < ?
           AND NOT EXISTS (SELECT 1 FROM platform.outbox pending WHERE pending.message_id = handled.message_id AND pending.published_at IS NULL)
         LIMIT ${CHUNK}
       )`,
      [cutoff],
      stopping
    )
    // A client retries a write within minutes; a key kept as long as the outbox outlives any retry.
    const idempotencyKeys = await this.#inChunks(
      `DELETE FROM platform.idempotency_keys WHERE (scope, key) IN (
         SELECT scope, key FROM platform.idempotency_keys WHERE created_at < ? LIMIT ${CHUNK}
       )`,
      [cutoff]
    )
    if (outbox || processed || idempotencyKeys) {
      logger.info(
        { outbox, processed, idempotencyKeys, olderThan: cutoff.toISOString() },
        'jobs: pruned the outbox'
      )
    }
    return { outbox, processed, idempotencyKeys }
  }

  async #inChunks(sql: string, bindings: unknown[], stopping?: AbortSignal) {
    let total = 0
    while (true) {
      const result = await db.rawQuery(sql, bindings)
      const deleted = Number(result.rowCount ?? 0)
      total += deleted
      if (deleted < CHUNK || stopping?.aborted) return total
    }
  }
}
