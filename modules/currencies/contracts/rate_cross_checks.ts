import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** A second source's rates of the day: 1 `base` = `rate` `quote`. */
export type CrossCheckRates = {
  source: string
  rates: Array<{ base: string; quote: string; rate: string }>
}

/** Gives another source's rates for an organisation, or null when it has none to give (not set up, unreachable). */
export type RateCrossCheck = (
  organizationId: string,
  client: QueryClientContract
) => Promise<CrossCheckRates | null>

const checks: RateCrossCheck[] = []

/**
 * Second sources a fetched rate is compared with before it is recorded (the e-MCF's rates for the
 * BCC's): a rate further than `CROSS_CHECK_TOLERANCE` from another source is flagged and not used.
 */
export const rateCrossChecks = {
  /** Adds a second source, from a provider's `start()`. */
  register(check: RateCrossCheck) {
    checks.push(check)
  },
  /** Every registered source. */
  all(): readonly RateCrossCheck[] {
    return checks
  },
}

/** How far apart two sources may be: 1 %. */
export const CROSS_CHECK_TOLERANCE = '0.01'
