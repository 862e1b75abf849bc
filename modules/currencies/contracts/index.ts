/*
 * The currencies module's public surface: the only currencies code other modules may import.
 * The money rules themselves (precision, rounding, totals) are the kernel's: `@ia/kernel/contracts`.
 */
export {
  currenciesService,
  type CurrenciesService,
  type CurrencySettings,
  type OrganizationCurrency,
  type RateUsed,
  type Conversion,
  type CurrencyCallOptions,
  type CalendarDate,
} from './currencies_service.ts'
export { currenciesEvents, type RateRecorded } from './events.ts'
export {
  rateCrossChecks,
  CROSS_CHECK_TOLERANCE,
  type RateCrossCheck,
  type CrossCheckRates,
} from './rate_cross_checks.ts'
