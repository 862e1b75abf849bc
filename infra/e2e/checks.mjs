/*
 * The small runner the end-to-end scripts share: named checks that report and count, a wait for
 * something to become true, and the summary line with the exit code.
 */

/** Runs and reports named checks, then exits with the count of failures. */
export function checks() {
  const results = []
  return {
    /** Runs `body`; a thrown error fails the check and is reported, the next check still runs. */
    async check(name, body) {
      try {
        await body()
        results.push(true)
        console.log(`  ✔ ${name}`)
      } catch (error) {
        results.push(false)
        console.log(`  ✖ ${name}\n    ${error.message}`)
      }
    },
    /** Counts a failure found outside a check (e.g. while cleaning up). */
    fail(message) {
      results.push(false)
      console.log(`  ✖ ${message}`)
    },
    /** Prints `<label>: N passed, M failed` and exits, failing when a check failed or none ran. */
    finish(label) {
      const failed = results.filter((ok) => !ok).length
      console.log(`\n${label}: ${results.length - failed} passed, ${failed} failed`)
      process.exit(failed || !results.length ? 1 : 0)
    },
  }
}

/** Waits until `probe()` is true, polling four times a second; throws after `seconds`. */
export async function eventually(what, probe, seconds = 15) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await probe()) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${what} did not happen within ${seconds}s`)
}
