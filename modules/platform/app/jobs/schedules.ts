import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { Cron } from 'croner'
import type { ScheduledWork, ScheduleOptions } from '@ia/kernel/contracts'

/** A schedule as registered by a provider. */
type RegisteredSchedule = { name: string; cron: Cron; work: ScheduledWork }

/** How often a worker looks for a slot that came due. */
const TICK_MS = 30_000
const DEFAULT_TIMEZONE = 'Africa/Kinshasa'

/** The schedules every process registers (from the providers), run by the worker processes. */
export class ScheduleRegistry {
  readonly #schedules = new Map<string, RegisteredSchedule>()

  register(name: string, cron: string, work: ScheduledWork, options: ScheduleOptions = {}) {
    if (!/^[a-z][a-z0-9_-]*\.[a-z][a-z0-9_.-]*$/.test(name)) throw new Error(`Schedule name "${name}" must be "<module>.<schedule>"`)
    if (this.#schedules.has(name)) throw new Error(`Schedule "${name}" is registered twice`)
    // paused: croner only computes the slots here; the worker's tick runs them.
    this.#schedules.set(name, { name, cron: new Cron(cron, { timezone: options.timezone ?? DEFAULT_TIMEZONE, paused: true }), work })
  }

  all() {
    return [...this.#schedules.values()]
  }

  /**
   * Runs each schedule's latest slot at or before `now` unless a process already did: the slot is
   * claimed by inserting its row, in the transaction the work runs in, so a failed run leaves it to the
   * next tick and two workers never both run it. Answers the names that ran.
   */
  async runDue(now = new Date()) {
    const ran: string[] = []
    for (const schedule of this.#schedules.values()) {
      const [slot] = schedule.cron.previousRuns(1, now)
      if (!slot) continue
      const claimed = await db.transaction(async (trx) => {
        const inserted = await trx.rawQuery('INSERT INTO platform.schedule_slots (name, slot_at) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING name', [
          schedule.name,
          slot,
        ])
        if (!inserted.rows.length) return false
        await schedule.work(slot, trx)
        return true
      })
      if (claimed) ran.push(schedule.name)
    }
    return ran
  }
}

/** The process's schedules. */
export const scheduleRegistry = new ScheduleRegistry()

/** Runs the due schedules every 30 seconds in a worker process. */
export class ScheduleRunner {
  #timer: NodeJS.Timeout | null = null
  #running: Promise<unknown> = Promise.resolve()

  constructor(readonly registry: ScheduleRegistry = scheduleRegistry) {}

  start() {
    const tick = () => {
      this.#running = this.registry.runDue().catch((error) => logger.warn({ err: error }, 'schedules: running a due slot failed'))
    }
    tick()
    this.#timer = setInterval(tick, TICK_MS)
    this.#timer.unref()
  }

  async stop() {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    await this.#running
  }
}
