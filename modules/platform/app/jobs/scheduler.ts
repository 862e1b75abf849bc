import db from '@adonisjs/lucid/services/db'
import type { ScheduledJobPayload } from '@ia/kernel/contracts'
import { dispatchJob } from './outbox.ts'
import { handlerRegistry, type RegisteredSchedule } from './registry.ts'

/** Most slots of one schedule queued by one tick after a long downtime; the next ticks queue the rest. */
const MAX_SLOTS_PER_TICK = 100

/**
 * Queues scheduled jobs. Every worker process runs one; the slots already queued are recorded in
 * `platform.job_schedules` and taken under a row lock in the transaction that queues the job, so each
 * slot is queued once however many processes tick, and the slots missed while no worker ran are queued
 * when one starts again. A schedule seen for the first time starts at its next slot: nothing before it
 * existed is made up.
 */
export class Scheduler {
  /** Queues every slot due at `now` of every schedule (or of those named in `only`); answers how many jobs it queued. */
  async tickOnce(now = new Date(), only?: string[]) {
    let queued = 0
    for (const schedule of handlerRegistry.schedules()) {
      if (!only || only.includes(schedule.name)) queued += await this.#queueDueSlots(schedule, now)
    }
    return queued
  }

  #queueDueSlots(schedule: RegisteredSchedule, now: Date) {
    return db.transaction(async (trx) => {
      const [start] = schedule.cron.previousRuns(1, now)
      await trx.rawQuery(
        'INSERT INTO platform.job_schedules (name, last_slot) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
        [schedule.name, start ?? now]
      )
      const row = await trx
        .from('platform.job_schedules')
        .where('name', schedule.name)
        .forUpdate()
        .firstOrFail()
      let last = new Date(row.last_slot)
      let queued = 0
      for (
        let slot = schedule.cron.nextRun(last);
        slot && slot <= now && queued < MAX_SLOTS_PER_TICK;
        slot = schedule.cron.nextRun(slot)
      ) {
        await dispatchJob<ScheduledJobPayload>(
          schedule.name,
          { slot: slot.toISOString() },
          { client: trx }
        )
        last = slot
        queued++
      }
      if (queued > 0)
        await trx
          .from('platform.job_schedules')
          .where('name', schedule.name)
          .update({ last_slot: last, updated_at: new Date() })
      return queued
    })
  }
}
