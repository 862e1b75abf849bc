import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'

/** Rows deleted per statement, so that a sweep after a crawler's visit never holds a long lock. */
const CHUNK = 5000

/**
 * Deletes the expired rows of the database session store. A session nobody uses again is never read, so
 * nothing else would remove it; Redis sessions expire by themselves and leave this table empty.
 */
export class SessionSweeper {
  /** Sweeps once; answers how many expired sessions were deleted. */
  async sweepOnce() {
    let swept = 0
    for (let deleted = CHUNK; deleted === CHUNK; swept += deleted) {
      const result = await db.rawQuery(
        `DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at <= now() LIMIT ${CHUNK})`
      )
      deleted = Number(result.rowCount ?? 0)
    }
    if (swept) logger.info({ swept }, 'sessions: swept expired sessions')
    return swept
  }
}
