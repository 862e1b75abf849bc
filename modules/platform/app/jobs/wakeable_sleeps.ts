/** Waits that end early when woken: a worker or relay sleeps between rounds, and new work or stop() wakes it. */
export class WakeableSleeps {
  readonly #sleepers = new Set<() => void>()

  /** Resolves after `ms`, or as soon as wakeAll() is called. */
  sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        this.#sleepers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      this.#sleepers.add(wake)
    })
  }

  /** Ends every sleep under way (none: nothing happens). */
  wakeAll() {
    for (const wake of [...this.#sleepers]) wake()
  }
}
