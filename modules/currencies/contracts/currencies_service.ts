import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import {
  currencyPrecision,
  Decimal,
  formatAmount,
  fromMinorUnits,
  organizations,
  toMinorUnits,
} from '@ia/kernel/contracts'
import { currencyErrors } from '../app/errors.ts'

/** A currency the organisation uses, with its ISO 4217 precision and its role. */
export type OrganizationCurrency = {
  /** ISO 4217 code, e.g. `CDF`. */
  code: string
  /** Digits after the decimal point (ISO 4217 minor unit). */
  precision: number
  isDefault: boolean
  isReporting: boolean
}

/** The organisation's currencies: its default and reporting currency, and every currency it uses (those two included). */
export type CurrencySettings = {
  defaultCurrency: string
  reportingCurrency: string
  /** Default first, then reporting, then the others by code. */
  currencies: OrganizationCurrency[]
}

/** The rate a conversion used, and where it came from: what a document stores and prints. */
export type RateUsed = {
  from: string
  to: string
  /** 1 `from` = `rate` `to`, as a decimal string (an inverse rate to 15 significant digits). */
  rate: string
  /** The date asked for (YYYY-MM-DD). */
  requestedDate: string
  /** The date of the rate actually used: the nearest on or before `requestedDate` (the older leg's through `via`). */
  date: string
  /** The rate's source label ("Banque Centrale du Congo - taux indicatif"); null for a currency to itself. */
  source: string | null
  /** True when the stored rate was `to` -> `from` and was inverted. */
  inverse: boolean
  /** The currency a cross rate went through (the organisation's default currency), or null for a direct rate. */
  via: string | null
}

/** An amount converted at a date. */
export type Conversion = {
  /** Integer minor units of `currency`, rounded half away from zero. */
  amountMinor: bigint
  /** The same amount as a decimal string ("1425.00"). */
  amount: string
  currency: string
  rate: RateUsed
}

/** Options of the service's calls. */
export type CurrencyCallOptions = {
  /** The caller's transaction or connection (reads inside an issuing transaction). */
  client?: QueryClientContract
  /** The request field a 422 names (`currency` by default). */
  field?: string
}

/** A calendar date: `YYYY-MM-DD` or a luxon DateTime (its calendar date in its own zone). */
export type CalendarDate = string | DateTime

type StoredRate = {
  base_currency: string
  quote_currency: string
  rate: string
  rate_date: string
  source: string
}
/** 1 `from` = numerator / denominator `to`; kept as a fraction so an inverse rate converts exactly. */
type Leg = {
  numerator: Decimal
  denominator: Decimal
  date: string
  source: string
  inverse: boolean
}

function isoDate(date: CalendarDate): string {
  if (typeof date !== 'string') {
    const iso = date.toISODate()
    if (iso === null) throw new RangeError(`Invalid date: ${date.invalidReason}`)
    return iso
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date).isValid)
    throw new RangeError(`Invalid date: ${date}`)
  return date
}

function clientOf(options: CurrencyCallOptions) {
  return options.client ?? db.connection()
}

async function profileOf(organizationId: string, client: QueryClientContract) {
  const profile = await organizations.find(organizationId, client)
  if (!profile) throw new RangeError(`Unknown organisation ${organizationId}`)
  return profile
}

/** The nearest stored rate of from -> to or to -> from on or before `date`, or null. */
async function findLeg(
  organizationId: string,
  from: string,
  to: string,
  date: string,
  client: QueryClientContract
): Promise<Leg | null> {
  const row: StoredRate | null = await client
    .from('currencies.rates')
    .where('organization_id', organizationId)
    .where('rate_date', '<=', date)
    .where((query) => {
      query
        .where({ base_currency: from, quote_currency: to })
        .orWhere({ base_currency: to, quote_currency: from })
    })
    .orderBy('rate_date', 'desc')
    // On the same day, the rate entered in the asked direction wins over its inverse.
    .orderByRaw('(base_currency = ?) desc', [from])
    .select(
      'base_currency',
      'quote_currency',
      'rate',
      db.raw("to_char(rate_date, 'YYYY-MM-DD') as rate_date"),
      'source'
    )
    .first()
  if (!row) return null
  const inverse = row.base_currency !== from
  const rate = new Decimal(row.rate)
  return {
    numerator: inverse ? new Decimal(1) : rate,
    denominator: inverse ? rate : new Decimal(1),
    date: row.rate_date,
    source: row.source,
    inverse,
  }
}

/** The rate from -> to at `date`, as a fraction, with what it was made of. */
async function resolveRate(
  organizationId: string,
  from: string,
  to: string,
  date: string,
  options: CurrencyCallOptions
) {
  const client = clientOf(options)
  const identity = { from, to, requestedDate: date }
  if (from === to) {
    return {
      leg: { numerator: new Decimal(1), denominator: new Decimal(1) },
      used: { ...identity, rate: '1', date, source: null, inverse: false, via: null },
    }
  }
  const direct = await findLeg(organizationId, from, to, date, client)
  if (direct) {
    const rate = direct.numerator.div(direct.denominator).toSignificantDigits(15).toString()
    return {
      leg: direct,
      used: {
        ...identity,
        rate,
        date: direct.date,
        source: direct.source,
        inverse: direct.inverse,
        via: null,
      },
    }
  }
  const { defaultCurrency } = await profileOf(organizationId, client)
  if (from !== defaultCurrency && to !== defaultCurrency) {
    const [first, second] = await Promise.all([
      findLeg(organizationId, from, defaultCurrency, date, client),
      findLeg(organizationId, defaultCurrency, to, date, client),
    ])
    if (first && second) {
      const leg = {
        numerator: first.numerator.times(second.numerator),
        denominator: first.denominator.times(second.denominator),
      }
      const sources = [...new Set([first.source, second.source])].join(' / ')
      const used: RateUsed = {
        ...identity,
        rate: leg.numerator.div(leg.denominator).toSignificantDigits(15).toString(),
        date: first.date < second.date ? first.date : second.date,
        source: sources,
        inverse: false,
        via: defaultCurrency,
      }
      return { leg, used }
    }
  }
  throw currencyErrors.rateNotFound(from, to, date, options.field)
}

function sortCurrencies(
  codes: Iterable<string>,
  defaultCurrency: string,
  reportingCurrency: string
): OrganizationCurrency[] {
  const rank = (code: string) => (code === defaultCurrency ? 0 : code === reportingCurrency ? 1 : 2)
  return [...new Set(codes)]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((code) => ({
      code,
      precision: currencyPrecision(code),
      isDefault: code === defaultCurrency,
      isReporting: code === reportingCurrency,
    }))
}

/**
 * The currencies of an organisation and conversions between them, for every module (an invoice's
 * currency, its reporting equivalent, a payment in another currency). The organisation is always
 * explicit; every call reads inside `options.client` when given.
 */
export const currenciesService = {
  /** The organisation's default and reporting currency and every currency it uses. */
  async settings(
    organizationId: string,
    options: CurrencyCallOptions = {}
  ): Promise<CurrencySettings> {
    const client = clientOf(options)
    const [profile, rows] = await Promise.all([
      profileOf(organizationId, client),
      client
        .from('currencies.organization_currencies')
        .where('organization_id', organizationId)
        .select('code'),
    ])
    const codes = [
      profile.defaultCurrency,
      profile.reportingCurrency,
      ...rows.map((row: { code: string }) => row.code),
    ]
    return {
      defaultCurrency: profile.defaultCurrency,
      reportingCurrency: profile.reportingCurrency,
      currencies: sortCurrencies(codes, profile.defaultCurrency, profile.reportingCurrency),
    }
  },

  /** Every currency the organisation uses (default first, then reporting, then by code). */
  async listCurrencies(organizationId: string, options: CurrencyCallOptions = {}) {
    return (await this.settings(organizationId, options)).currencies
  },

  /** The organisation's default currency (documents are issued in it unless told otherwise). */
  async defaultCurrency(organizationId: string, options: CurrencyCallOptions = {}) {
    return (await profileOf(organizationId, clientOf(options))).defaultCurrency
  },

  /** The currency the organisation's reports are expressed in. */
  async reportingCurrency(organizationId: string, options: CurrencyCallOptions = {}) {
    return (await profileOf(organizationId, clientOf(options))).reportingCurrency
  },

  /** The currency `code` of the organisation; a 422 naming `options.field` when the organisation does not use it. */
  async assertCurrencyUsed(
    organizationId: string,
    code: string,
    options: CurrencyCallOptions = {}
  ) {
    const currency = (await this.listCurrencies(organizationId, options)).find(
      (candidate) => candidate.code === code
    )
    if (!currency) throw currencyErrors.currencyNotUsed(code, options.field)
    return currency
  },

  /**
   * The rate from -> to at `date`: the nearest stored rate on or before it (the pair as entered,
   * else its inverse, else a cross rate through the default currency), with the date and source
   * of what was used. No such rate: a 422 (`E_RATE_NOT_FOUND`) naming the pair and the date.
   */
  async rateAt(
    organizationId: string,
    from: string,
    to: string,
    date: CalendarDate,
    options: CurrencyCallOptions = {}
  ): Promise<RateUsed> {
    return (await resolveRate(organizationId, from, to, isoDate(date), options)).used
  },

  /** `amountMinor` minor units of `from` in `to` at `date`, rounded half away from zero, with the rate used. */
  async convert(
    organizationId: string,
    amountMinor: bigint,
    from: string,
    to: string,
    date: CalendarDate,
    options: CurrencyCallOptions = {}
  ): Promise<Conversion> {
    const { leg, used } = await resolveRate(organizationId, from, to, isoDate(date), options)
    const amount = formatAmount(
      new Decimal(fromMinorUnits(amountMinor, from)).times(leg.numerator).div(leg.denominator),
      to
    )
    return { amountMinor: toMinorUnits(amount, to), amount, currency: to, rate: used }
  },
}

/** The service's type, for the container binding. */
export type CurrenciesService = typeof currenciesService
