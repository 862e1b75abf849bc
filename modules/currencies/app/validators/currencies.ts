import vine from '@vinejs/vine'
import { isoCurrencies } from '@ia/kernel/contracts'

/** ISO 4217 codes a business may hold. */
export const ISO_CODES = isoCurrencies().map((currency) => currency.code)

const currency = () => vine.string().trim().toUpperCase().in(ISO_CODES)
/** A calendar date written YYYY-MM-DD (checked as a real date by the action). */
const calendarDate = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)

/** The rate as a decimal string: up to 18 digits before the point and 12 after; above zero is checked by the action. */
export const RATE_PATTERN = /^\d{1,18}(\.\d{1,12})?$/

/** Change the organisation's currencies and rate settings. */
export const updateSettingsValidator = vine.create({
  currencies: vine.array(currency()).minLength(1).maxLength(50).distinct(),
  defaultCurrency: currency(),
  reportingCurrency: currency(),
  rateSource: vine.string().trim().minLength(2).maxLength(200),
  providerUrl: vine
    .string()
    .trim()
    .maxLength(2000)
    .url({ protocols: ['http', 'https'], require_tld: false })
    .nullable(),
})

/** Record the rate of a day. */
export const recordRateValidator = vine.create({
  baseCurrency: currency(),
  quoteCurrency: currency(),
  rate: vine.string().trim().regex(RATE_PATTERN),
  date: calendarDate(),
})

/** Page through the rates, newest first. */
export const listRatesValidator = vine.create({
  baseCurrency: currency().optional(),
  quoteCurrency: currency().optional(),
  cursor: vine.string().maxLength(500).optional(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
})

/** A pair's daily rates over the last days, for a chart. */
export const rateHistoryValidator = vine.create({
  baseCurrency: currency(),
  quoteCurrency: currency(),
  days: vine.number().withoutDecimals().range([1, 366]).optional(),
})

/** The rate that applies to a pair at a date. */
export const rateAtValidator = vine.create({
  from: currency(),
  to: currency(),
  date: calendarDate(),
})

/** Upload a CSV file of rates. */
export const importRatesValidator = vine.create({
  file: vine.file({ size: '1mb', extnames: ['csv', 'txt'] }),
})
