import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LocalizedText } from '../catalog/module_catalog.ts'

/** What a job handler learns about the run it is part of. */
export interface JobContext {
  jobId: string
  organizationId: string | null
  userId: string | null
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number
  /**
   * The transaction the run commits in, together with the record that this job was handled:
   * writes made through it happen once in effect, even when the message is delivered twice.
   */
  client: TransactionClientContract
  /** Records how far the job is (0-100) and tells the people watching it. */
  progress(percent: number, message?: LocalizedText): Promise<void>
}

/** Does the work of a job; throwing schedules a retry with exponential backoff. */
export type JobHandler<P> = (payload: P, context: JobContext) => Promise<void>

/** How a job is retried. */
export type JobOptions = {
  /** Runs before the job is marked failed (default 5). */
  maxAttempts?: number
  /** Base of the exponential backoff in milliseconds: base, 2 x base, 4 x base... (default 1000). */
  backoffMs?: number
  /** The i18n key of what the job does, shown in the jobs tray when a dispatch gives no title of its own. */
  title?: string
}

/** What a job does, as an i18n key and its parameters: rendered in French and English when the job is queued. */
export type JobTitle = { key: string; params?: Record<string, string | number> }

/** What a dispatcher says about a job. */
export type DispatchOptions = {
  /** The caller's transaction: the job is queued if and only if it commits. */
  client?: TransactionClientContract
  organizationId?: string | null
  /** Who sees its progress. */
  userId?: string | null
  /** What the people watching the job read, already in both languages; `title` is the usual way to give it. */
  label?: LocalizedText
  /** What the job does, translated when queued (e.g. "Envoi de l'invitation à {to}"). */
  title?: JobTitle
  /** Runs no sooner than this many milliseconds after the dispatch commits (a retry schedule of the caller's own). */
  delayMs?: number
}

/** When a scheduled job is queued: a cron expression (5 fields, or 6 with seconds) read in a time zone. */
export type ScheduleOptions = {
  cron: string
  /** IANA time zone the expression is read in (default Africa/Kinshasa). */
  timeZone?: string
}

/** What a scheduled job receives: the slot it runs for (ISO 8601), the same however late it runs. */
export type ScheduledJobPayload = { slot: string }

/** Long or retriable work, run by workers, never lost (the platform's outbox and worker implement it). */
export interface JobQueue {
  /** Registers the handler of `<module>.<job>`; every process registers the same ones, from a provider. */
  register<P>(name: string, handler: JobHandler<P>, options?: JobOptions): void
  /** Queues a job in the caller's transaction (or its own); resolves to the job id. */
  dispatch<P>(name: string, payload: P, options?: DispatchOptions): Promise<string>
  /**
   * Queues the registered job `name` on a schedule, from a provider's boot(): once per slot however many
   * worker processes run, and, after the workers were down, once for each slot missed.
   */
  schedule(name: string, options: ScheduleOptions): void
  /** Throws when the message broker at `url` cannot be reached (for readiness checks). */
  pingBroker(url: string, timeoutMs?: number): Promise<void>
}
