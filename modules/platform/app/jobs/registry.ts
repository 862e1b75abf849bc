import { Cron } from 'croner'
import type { EventHandler, JobHandler, JobOptions } from './types.ts'
import type { ScheduleOptions } from '@ia/kernel/contracts'

/** Defaults of `jobs.register` options, also used for event consumers. */
export const DEFAULT_MAX_ATTEMPTS = 5
export const DEFAULT_BACKOFF_MS = 1000

/** A registered job handler with its retry policy. */
export type RegisteredJob = {
  name: string
  handler: JobHandler<any>
  maxAttempts: number
  backoffMs: number
  title?: string
}

/** A job queued on a schedule; `cron` parses the expression in its time zone. */
export type RegisteredSchedule = { name: string; expression: string; timeZone: string; cron: Cron }

/** The time zone of schedules that name none: the product's users are in Kinshasa first. */
export const DEFAULT_SCHEDULE_TIME_ZONE = 'Africa/Kinshasa'

/** A registered event consumer. */
export type RegisteredConsumer = {
  event: string
  consumer: string
  handler: EventHandler<any>
  maxAttempts: number
  backoffMs: number
}

const JOB_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/

/**
 * The handlers of this process. Every process (web, relay, worker) registers the same ones from the
 * modules' providers, so any of them can dispatch, route and run them.
 */
class HandlerRegistry {
  readonly #jobs = new Map<string, RegisteredJob>()
  readonly #consumers = new Map<string, RegisteredConsumer>()
  readonly #schedules = new Map<string, RegisteredSchedule>()

  registerJob(name: string, handler: JobHandler<any>, options: JobOptions = {}) {
    if (!JOB_NAME.test(name)) throw new Error(`Job name "${name}" must look like "<module>.<job>"`)
    if (this.#jobs.has(name)) throw new Error(`Job "${name}" is registered twice`)
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
    const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
      throw new Error(`Job "${name}": maxAttempts must be a positive integer`)
    if (!(backoffMs >= 0)) throw new Error(`Job "${name}": backoffMs must be zero or more`)
    this.#jobs.set(name, { name, handler, maxAttempts, backoffMs, title: options.title })
  }

  subscribe(event: string, consumer: string, handler: EventHandler<any>) {
    if (!JOB_NAME.test(event))
      throw new Error(`Event name "${event}" must look like "<module>.<resource>.<verb-ed>"`)
    if (!JOB_NAME.test(consumer))
      throw new Error(`Consumer name "${consumer}" must look like "<module>.<what>"`)
    const key = consumerKey(event, consumer)
    if (this.#consumers.has(key))
      throw new Error(`Consumer "${consumer}" subscribes to "${event}" twice`)
    this.#consumers.set(key, {
      event,
      consumer,
      handler,
      maxAttempts: DEFAULT_MAX_ATTEMPTS,
      backoffMs: DEFAULT_BACKOFF_MS,
    })
  }

  registerSchedule(name: string, options: ScheduleOptions) {
    if (!this.#jobs.has(name))
      throw new Error(`Schedule of "${name}": register the job before its schedule`)
    if (this.#schedules.has(name)) throw new Error(`Job "${name}" is scheduled twice`)
    const timeZone = options.timeZone ?? DEFAULT_SCHEDULE_TIME_ZONE
    let cron: Cron
    try {
      cron = new Cron(options.cron, { timezone: timeZone, paused: true })
    } catch (error) {
      throw new Error(`Schedule of "${name}": ${(error as Error).message}`)
    }
    this.#schedules.set(name, { name, expression: options.cron, timeZone, cron })
  }

  schedules() {
    return [...this.#schedules.values()]
  }

  job(name: string) {
    return this.#jobs.get(name)
  }

  jobs() {
    return [...this.#jobs.values()]
  }

  /** The consumers of one event (or every consumer). */
  consumers(event?: string) {
    const all = [...this.#consumers.values()]
    return event ? all.filter((entry) => entry.event === event) : all
  }

  consumer(event: string, consumer: string) {
    return this.#consumers.get(consumerKey(event, consumer))
  }
}

function consumerKey(event: string, consumer: string) {
  return `${event}\u0000${consumer}`
}

/** The process-wide handler registry. */
export const handlerRegistry = new HandlerRegistry()

/** The delay before retry number `attempt` (1-based count of failed runs): base x 2^(attempt-1), at most `maxMs`. */
export function backoffDelay(
  backoffMs: number,
  failedRuns: number,
  maxMs = Number.POSITIVE_INFINITY
) {
  return Math.min(maxMs, backoffMs * 2 ** Math.max(0, failedRuns - 1))
}
