import db from '@adonisjs/lucid/services/db'
import type { JobContext } from '@ia/kernel/contracts'
import { DateTime } from 'luxon'
import { currenciesService } from '../../contracts/currencies_service.ts'
import { recordRates, type NewRate } from '../actions/record_rates.ts'
import { rateSettings } from '../services/organization_setup.ts'
import { normalizeRate, rateDate } from '../services/rate_values.ts'

/** The job that fetches the day's rates of one organisation from its provider URL. */
export const FETCH_RATES_JOB = 'currencies.fetch_rates'

/** What the job is given. */
export type FetchRatesPayload = { organizationId: string }

/** Longest wait for the provider, and largest answer read. */
const TIMEOUT_MS = 15_000
const MAX_BYTES = 1_000_000

/** Why a provider's answer cannot be used; the job fails with it and the settings show it. */
export class ProviderError extends Error {}

/**
 * Reads a provider's JSON answer, `{ "date": "2026-03-02", "base": "USD", "rates": { "CDF": 2850.5 } }`
 * (the shape of the common public rate APIs), keeping every number exactly as written: a rate never
 * goes through a float. Only the organisation's currencies are kept.
 */
export function readProviderAnswer(text: string, usedCurrencies: string[]): NewRate[] {
  let body: unknown
  try {
    // The reviver's third argument gives each number's source text (ES2025 JSON.parse source text access).
    body = JSON.parse(text, (_key, value, context?: { source?: string }) => (typeof value === 'number' && context?.source ? context.source : value))
  } catch {
    throw new ProviderError('The provider did not answer JSON')
  }
  const answer = body as { date?: unknown; base?: unknown; rates?: unknown }
  const date = typeof answer.date === 'string' ? rateDate(answer.date.slice(0, 10)) : null
  if (!date) throw new ProviderError('The answer has no valid "date" (YYYY-MM-DD, not in the future)')
  const base = typeof answer.base === 'string' ? answer.base.toUpperCase() : ''
  if (!usedCurrencies.includes(base)) throw new ProviderError(`The answer's "base" (${base || 'none'}) is not a currency of the organisation`)
  if (!answer.rates || typeof answer.rates !== 'object') throw new ProviderError('The answer has no "rates" object')
  const rates: NewRate[] = []
  for (const [code, value] of Object.entries(answer.rates as Record<string, unknown>)) {
    const quote = code.toUpperCase()
    if (quote === base || !usedCurrencies.includes(quote)) continue
    const rate = typeof value === 'string' ? normalizeRate(value) : null
    if (!rate) throw new ProviderError(`The rate of ${quote} is not a positive number`)
    rates.push({ baseCurrency: base, quoteCurrency: quote, rate, date })
  }
  if (!rates.length) throw new ProviderError('The answer has no rate for the currencies of the organisation')
  return rates
}

async function download(url: string) {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' }, redirect: 'error' })
  if (!response.ok) throw new ProviderError(`The provider answered HTTP ${response.status}`)
  const text = await response.text()
  if (Buffer.byteLength(text) > MAX_BYTES) throw new ProviderError('The answer is larger than 1 MB')
  return text
}

/**
 * Fetches and records the organisation's rates from its provider (none configured: nothing to do).
 * The rates and the fetch time commit with the job; a failure is kept for the settings page and
 * the job is retried with backoff.
 */
export async function fetchRates({ organizationId }: FetchRatesPayload, context: JobContext) {
  const client = context.client
  const settings = await rateSettings(organizationId, client)
  if (!settings.providerUrl) return
  try {
    const { currencies } = await currenciesService.settings(organizationId, { client })
    const rates = readProviderAnswer(await download(settings.providerUrl), currencies.map((currency) => currency.code))
    await recordRates(organizationId, rates, 'provider', new URL(settings.providerUrl).host, null, client)
    await client.from('currencies.settings').where('organization_id', organizationId).update({ provider_fetched_at: DateTime.now().toJSDate(), provider_error: null })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    // Outside the job's transaction, which the failure rolls back: the settings page says why.
    await db.from('currencies.settings').where('organization_id', organizationId).update({ provider_error: message.slice(0, 1000) })
    throw error
  }
}
