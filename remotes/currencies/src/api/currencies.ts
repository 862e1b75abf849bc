import { useApi, type Schemas } from '@ia/sdk'

/** The organisation's currencies and rate settings. */
export type CurrencySettings = Schemas['CurrencySettings']
/** One day's rate. */
export type CurrencyRate = Schemas['CurrencyRate']
/** A pair's rates for the chart. */
export type RateHistory = Schemas['CurrencyRateHistory']
/** What the settings form sends. */
export type SettingsInput = {
  currencies: string[]
  defaultCurrency: string
  reportingCurrency: string
  rateSource: string
  providerUrl: string | null
}
/** A rate typed by hand. */
export type RateInput = { baseCurrency: string; quoteCurrency: string; rate: string; date: string }
/** A CSV import of rates: queued for its job, then completed (count and refused rows) or failed. */
export type RateImport = Schemas['CurrencyRateImport']

/** The organisation's currencies, default and reporting currency, rate source and provider. */
export async function getSettings(): Promise<CurrencySettings> {
  return (await useApi().get('/currencies/settings')).settings
}

/** Saves the currencies settings; a 422 names the field. */
export async function updateSettings(input: SettingsInput): Promise<CurrencySettings> {
  return (await useApi().put('/currencies/settings', { body: input })).settings
}

/** Every ISO 4217 currency, named in the user's language. */
export async function listIsoCurrencies() {
  return (await useApi().get('/currencies/iso')).data
}

/** Queues a fetch of the provider's rates. */
export async function fetchRatesNow(): Promise<string> {
  return (await useApi().post('/currencies/provider/fetch')).jobId
}

/** One page of rates, newest day first, after `cursor`. */
export async function listRates(cursor: string | null, perPage = 15) {
  return useApi().get('/currencies/rates', { query: { perPage, ...(cursor ? { cursor } : {}) } })
}

/** Records a day's rate (replacing the same pair and day). */
export async function recordRate(input: RateInput): Promise<CurrencyRate> {
  return (await useApi().post('/currencies/rates', { body: input })).rate
}

/** Sends a CSV file of rates; resolves once the server has queued its import job. */
export async function importRates(file: File): Promise<RateImport> {
  const form = new FormData()
  form.append('file', file)
  return (await useApi().post('/currencies/rates/import', { body: form })).import
}

/** Where an import stands. */
export async function getRateImport(id: string): Promise<RateImport> {
  return (
    await useApi().get('/currencies/rates/imports/{rateImportId}', { path: { rateImportId: id } })
  ).import
}

/** The last 90 days of a pair. */
export async function rateHistory(
  baseCurrency: string,
  quoteCurrency: string
): Promise<RateHistory> {
  return (
    await useApi().get('/currencies/rates/history', {
      query: { baseCurrency, quoteCurrency, days: 90 },
    })
  ).history
}
