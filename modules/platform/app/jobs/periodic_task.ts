import logger from '@adonisjs/core/services/logger'

/**
 * Work a worker process repeats in the background (pruning, sweeping, queuing schedules): never two runs
 * at once, the next one `everyMs` after the last ended, a failure logged and tried again next time, and
 * `stop()` waiting for a run in progress, whose signal tells it to finish early.
 */
export class PeriodicTask {
  readonly #run: (stopping: AbortSignal) => Promise<unknown>
  readonly #options: { everyMs: number; firstAfterMs: number; failure: string }
  #timer: NodeJS.Timeout | null = null
  #running: Promise<unknown> | null = null
  readonly #stopping = new AbortController()

  constructor(
    run: (stopping: AbortSignal) => Promise<unknown>,
    options: { everyMs: number; firstAfterMs: number; failure: string }
  ) {
    this.#run = run
    this.#options = options
  }

  start() {
    this.#schedule(this.#options.firstAfterMs)
  }

  async stop() {
    this.#stopping.abort()
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    await this.#running
  }

  #schedule(ms: number) {
    this.#timer = setTimeout(() => {
      this.#running = this.#run(this.#stopping.signal)
        .catch((error) => logger.warn({ err: error }, this.#options.failure))
        .finally(() => {
          this.#running = null
          if (!this.#stopping.signal.aborted) this.#schedule(this.#options.everyMs)
        })
    }, ms)
    this.#timer.unref()
  }
}
