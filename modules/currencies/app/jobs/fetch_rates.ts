import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Decimal, jobs, type JobContext } from '@ia/kernel/contracts'
import { DateTime } from 'luxon'
import { currenciesService } from '../../contracts/currencies_service.ts'
import { recordRates, type NewRate } from '../actions/record_rates.ts'
import { BCC_RATE_SOURCE, rateSettings } from '../services/organization_setup.ts'
import { normalizeRate, rateDate } from '../services/rate_values.ts'
import { fetchProviderText, ProviderError } from '../services/provider_http.ts'
import { BccPageError, parseBccPage } from '../services/bcc_rates.ts'
import { CROSS_CHECK_TOLERANCE, rateCrossChecks } from '../../contracts/rate_cross_checks.ts'

export { ProviderError }

/** The job that fetches the day's rates of one organisation from its provider URL. */
export const FETCH_RATES_JOB = 'currencies.fetch_rates'

/** The daily schedule that queues a fetch for every organisation with a provider: 10:30 in Kinshasa, once the BCC has published. */
export const FETCH_RATES_SCHEDULE = { name: 'currencies.daily_rates', cron: '30 10 * * *' } as const

/** What the job is given. */
export type FetchRatesPayload = { organizationId: string }

/** Longest wait for the provider, and largest answer read. */
const TIMEOUT_MS = 15_000
const MAX_BYTES = 1_000_000

/**
 * Reads a provider's JSON answer, `{ "date": "2026-03-02", "base": "USD", "rates": { "CDF": 2850.5 } }`
 * (the shape of the common public rate APIs), keeping every number exactly as written: a rate never
 * goes through a float. Only the organisation's currencies are kept.
 */
export function readProviderAnswer(text: string, usedCurrencies: string[]): NewRate[] {
  let body: unknown
  try {
    // The reviver's third argument gives each number's source text (ES2025 JSON.parse source text access).
    body = JSON.parse(text, (_key, value, context?: { source?: string }) =>
      typeof value === 'number' && context?.source ? context.source : value
    )
  } catch {
    throw new ProviderError('The provider did not answer JSON')
  }
  const answer = body as { date?: unknown; base?: unknown; rates?: unknown }
  const date = typeof answer.date === 'string' ? rateDate(answer.date.slice(0, 10)) : null
  if (!date)
    throw new ProviderError('The answer has no valid "date" (YYYY-MM-DD, not in the future)')
  const base = typeof answer.base === 'string' ? answer.base.toUpperCase() : ''
  if (!usedCurrencies.includes(base))
    throw new ProviderError(
      `The answer's "base" (${base || 'none'}) is not a currency of the organisation`
    )
  if (!answer.rates || typeof answer.rates !== 'object')
    throw new ProviderError('The answer has no "rates" object')
  const rates: NewRate[] = []
  for (const [code, value] of Object.entries(answer.rates as Record<string, unknown>)) {
    const quote = code.toUpperCase()
    if (quote === base || !usedCurrencies.includes(quote)) continue
    const rate = typeof value === 'string' ? normalizeRate(value) : null
    if (!rate) throw new ProviderError(`The rate of ${quote} is not a positive number`)
    rates.push({ baseCurrency: base, quoteCurrency: quote, rate, date })
  }
  if (!rates.length)
    throw new ProviderError('The answer has no rate for the currencies of the organisation')
  return rates
}

/** The provider's answer, fetched from a public address only; an HTML page is the BCC's, anything else JSON. */
async function download(url: string) {
  const text = await fetchProviderText(url, TIMEOUT_MS, MAX_BYTES)
  return { text, html: /^\s*</.test(text) }
}

/**
 * Compares each rate with every second source that has the same pair (or its inverse): one further
 * than 1 % away is flagged (the reason names both) and nothing is recorded.
 */
async function crossCheck(organizationId: string, rates: NewRate[], client: QueryClientContract) {
  for (const check of rateCrossChecks.all()) {
    const other = await check(organizationId, client)
    if (!other) continue
    for (const rate of rates) {
      const match = other.rates.find(
        (entry) =>
          (entry.base === rate.baseCurrency && entry.quote === rate.quoteCurrency) ||
          (entry.base === rate.quoteCurrency && entry.quote === rate.baseCurrency)
      )
      if (!match) continue
      const theirs =
        match.base === rate.baseCurrency ? new Decimal(match.rate) : new Decimal(1).div(match.rate)
      const gap = new Decimal(rate.rate).minus(theirs).abs().div(theirs)
      if (gap.greaterThan(CROSS_CHECK_TOLERANCE))
        throw new ProviderError(
          `Flagged, not recorded: 1 ${rate.baseCurrency} = ${rate.rate} ${rate.quoteCurrency} is ${gap.times(100).toDecimalPlaces(2).toString()} % away from ${other.source} (${theirs.toSignificantDigits(10).toString()})`
        )
    }
  }
}

/**
 * Fetches and records the organisation's rates from its provider (none configured: nothing to do),
 * in the job's transaction with the fetch time. A failure (unreachable, HTTP error, unusable answer)
 * records nothing but the reason, which the settings page shows; the next daily run or a "fetch now"
 * tries again.
 */
export async function fetchRates({ organizationId }: FetchRatesPayload, context: JobContext) {
  const client = context.client
  const settings = await rateSettings(organizationId, client)
  if (!settings.providerUrl) return
  const status = (values: { provider_fetched_at?: Date; provider_error: string | null }) =>
    client.from('currencies.settings').where('organization_id', organizationId).update(values)
  let rates: NewRate[]
  let source = new URL(settings.providerUrl).host
  try {
    const { currencies } = await currenciesService.settings(organizationId, { client })
    const codes = currencies.map((currency) => currency.code)
    const answer = await download(settings.providerUrl)
    if (answer.html) source = BCC_RATE_SOURCE
    // An HTML answer is the BCC's page (no API); anything else the JSON shape above.
    rates = answer.html
      ? parseBccPage(
          answer.text,
          codes.filter((code) => code !== 'CDF')
        )
      : readProviderAnswer(answer.text, codes)
    await crossCheck(organizationId, rates, client)
  } catch (error) {
    const message =
      error instanceof ProviderError || error instanceof BccPageError
        ? error.message
        : `The provider could not be reached: ${error instanceof Error ? error.message : String(error)}`
    await status({ provider_error: message.slice(0, 1000) })
    return
  }
  await recordRates(organizationId, rates, 'provider', source, null, client)
  await status({ provider_fetched_at: DateTime.now().toJSDate(), provider_error: null })
}

/** Queues one fetch per organisation that has a provider URL, in the transaction of the day's scheduled job. */
export async function queueDailyFetches(_slot: Date, client: TransactionClientContract) {
  const rows: Array<{ organization_id: string }> = await client
    .from('currencies.settings')
    .whereNotNull('provider_url')
    .select('organization_id')
  for (const { organization_id: organizationId } of rows) {
    await jobs.dispatch<FetchRatesPayload>(
      FETCH_RATES_JOB,
      { organizationId },
      { client, organizationId }
    )
  }
}
