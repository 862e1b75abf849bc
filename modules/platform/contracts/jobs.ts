import { handlerRegistry } from '../app/jobs/registry.ts'
import { dispatchJob, publishEvent, publishEvents } from '../app/jobs/outbox.ts'
import { pingBroker } from '../app/jobs/broker_health.ts'
import type {
  DispatchOptions,
  EventBus,
  EventHandler,
  JobHandler,
  JobOptions,
  JobQueue,
  PublishOptions,
  ScheduleOptions,
} from '@ia/kernel/contracts'

/** Long or retriable work, run by workers, never lost. */
export const jobs: JobQueue = {
  /** Registers the handler of `<module>.<job>`; every process registers the same ones, from a provider's boot(). */
  register<P>(name: string, handler: JobHandler<P>, options?: JobOptions): void {
    handlerRegistry.registerJob(name, handler, options)
  },

  /** Queues a job in the caller's transaction (or its own); resolves to the job id. */
  dispatch<P>(name: string, payload: P, options?: DispatchOptions): Promise<string> {
    return dispatchJob(name, payload, options)
  },

  /** Queues the registered job `name` once per slot of `options.cron`, across every worker process. */
  schedule(name: string, options: ScheduleOptions): void {
    handlerRegistry.registerSchedule(name, options)
  },

  /** Throws when the message broker at `url` cannot be reached (for readiness checks). */
  pingBroker(url: string, timeoutMs?: number): Promise<void> {
    return pingBroker(url, timeoutMs)
  },
}

/** Domain events: facts (`<module>.<resource>.<verb-ed>`) other modules react to. */
export const events: EventBus = {
  /** Records an event in the caller's transaction (or its own); resolves to the event id. */
  publish<P>(name: string, payload: P, options: PublishOptions): Promise<string> {
    return publishEvent(name, payload, options)
  },

  /** Records one event per payload in a single write (bulk changes such as an import); resolves to their ids in order. */
  publishMany<P>(name: string, payloads: P[], options: PublishOptions): Promise<string[]> {
    return publishEvents(name, payloads, options)
  },

  /** Delivers each `name` event to `consumer` at least once and handles it once in effect. */
  subscribe<P>(name: string, consumer: string, handler: EventHandler<P>): void {
    handlerRegistry.subscribe(name, consumer, handler)
  },
}
