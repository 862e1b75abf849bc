/*
 * The money rules, written once for every module (README, "Money rules"):
 * - an amount is never a JavaScript number: integer minor units (bigint) with its currency in storage,
 *   decimal strings on the wire, and `Decimal` (decimal.js, the one decimal library) for arithmetic;
 * - each currency's precision comes from ISO 4217 (the `currency-codes` data package);
 * - one rounding rule, half away from zero, applied per line, then per tax group on the sum of its lines.
 */
import currencyCodes from 'currency-codes'
import { Decimal as DecimalJs } from 'decimal.js'

/**
 * The one decimal type of the code base: decimal.js with enough significant digits for any amount
 * times any rate, rounding half away from zero, and never an exponent in `toString()`.
 */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
})
/** What the money functions accept: a decimal string ("12.50") or a Decimal, never a JavaScript number. */
export type DecimalValue = string | DecimalJs
/** An instance of the one decimal type. */
export type Decimal = DecimalJs

/** An ISO 4217 currency as the platform knows it. */
export type IsoCurrency = {
  /** Three capital letters, e.g. `CDF`. */
  code: string
  /** ISO 4217 numeric code, e.g. `976`. */
  number: string
  /** Digits after the decimal point (the minor unit): 2 for CDF and USD, 0 for XAF, 3 for KWD. */
  precision: number
  /** The English name in the ISO list; `currencyName()` gives it in the user's language. */
  name: string
}

// Funds, precious metals and testing codes (X.. without a country) are units of account, not money a business invoices in.
const ISO_CURRENCIES: ReadonlyMap<string, IsoCurrency> = new Map(
  currencyCodes.data
    .filter((record) => !record.countries.every((country) => country.startsWith('Zz')))
    .map((record) => [
      record.code,
      { code: record.code, number: record.number, precision: record.digits, name: record.currency },
    ])
)

/** Every currency of the ISO 4217 list a business can hold, sorted by code. */
export function isoCurrencies(): IsoCurrency[] {
  return [...ISO_CURRENCIES.values()].sort((a, b) => a.code.localeCompare(b.code))
}

/** Whether `code` is an ISO 4217 currency of `isoCurrencies()` (exact capitals). */
export function isCurrencyCode(code: string): boolean {
  return ISO_CURRENCIES.has(code)
}

function isoCurrency(code: string): IsoCurrency {
  const currency = ISO_CURRENCIES.get(code)
  if (!currency) throw new RangeError(`Unknown ISO 4217 currency: ${code}`)
  return currency
}

/** Digits after the decimal point of `currency` (ISO 4217 minor unit); throws for an unknown code. */
export function currencyPrecision(currency: string): number {
  return isoCurrency(currency).precision
}

/** The currency's name in `locale` (`fr`, `en`), from the runtime's CLDR data. */
export function currencyName(currency: string, locale: string): string {
  return (
    new Intl.DisplayNames([locale], { type: 'currency' }).of(isoCurrency(currency).code) ?? currency
  )
}

/**
 * THE rounding function: `amount` rounded to `currency`'s precision, half away from zero
 * (2.345 USD -> 2.35, -2.345 USD -> -2.35, 1234.5 XAF -> 1235).
 */
export function roundMoney(amount: DecimalValue, currency: string): Decimal {
  return new Decimal(amount).toDecimalPlaces(currencyPrecision(currency), Decimal.ROUND_HALF_UP)
}

/** `amount` as the wire writes it: a decimal string with exactly the currency's digits ("1500.00", "1235"). */
export function formatAmount(amount: DecimalValue, currency: string): string {
  return roundMoney(amount, currency).toFixed(currencyPrecision(currency))
}

/** Minor units (bigint, as stored) of an amount that has no more digits than the currency allows; throws otherwise. */
export function toMinorUnits(amount: DecimalValue, currency: string): bigint {
  const value = new Decimal(amount)
  const minor = value.times(new Decimal(10).pow(currencyPrecision(currency)))
  if (!minor.isInteger())
    throw new RangeError(
      `${value.toString()} has more digits than ${currency} allows (${currencyPrecision(currency)})`
    )
  return BigInt(minor.toFixed(0))
}

/** The decimal string of `minor` units of `currency` (`150000n` CDF -> "1500.00"). */
export function fromMinorUnits(minor: bigint | string, currency: string): string {
  return new Decimal(minor.toString())
    .div(new Decimal(10).pow(currencyPrecision(currency)))
    .toFixed(currencyPrecision(currency))
}

/** Whether `amount` is a decimal string with at most the currency's digits (what a form may send). */
export function fitsCurrency(amount: string, currency: string): boolean {
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return false
  return new Decimal(amount).decimalPlaces() <= currencyPrecision(currency)
}

/** A line of a document before totals: its quantity, unit price (tax excluded), discount and tax group. */
export type MoneyLineInput = {
  /** Decimal string, e.g. "3" or "1.5". */
  quantity: DecimalValue
  /** Decimal string, tax excluded; may carry more digits than the currency (0.125 USD a unit). */
  unitPrice: DecimalValue
  /** A percentage of the line ("10" for 10 %) or an amount of the document's currency; none by default. */
  discount?: { percent: DecimalValue } | { amount: DecimalValue } | null
  /** The tax group the line is taxed in (the DGI's letter, A to P). */
  taxGroup: string
  /** The group's rate in percent on the document's date ("16", "5", "0"). */
  taxRate: DecimalValue
}

/** A line's amounts, each rounded to the currency. */
export type MoneyLineTotals = {
  /** quantity x unit price, rounded. */
  gross: string
  /** The discount, rounded (0 when none). */
  discount: string
  /** gross - discount: what the line adds to its tax group's base. */
  net: string
}

/** A tax group's totals: its base is the sum of its lines' nets, its tax is computed once on that base. */
export type MoneyTaxGroupTotals = { taxGroup: string; taxRate: string; base: string; tax: string }

/** A document's totals in its currency. */
export type MoneyTotals = {
  currency: string
  lines: MoneyLineTotals[]
  /** One entry per tax group used, in order of first appearance. */
  taxGroups: MoneyTaxGroupTotals[]
  /** Sum of the groups' bases. */
  net: string
  /** Sum of the groups' taxes. */
  tax: string
  /** net + tax. */
  total: string
}

/** Why `computeTotals` refused a line: the field of the line (quantity, discount, taxRate) and its index. */
export class MoneyLineError extends RangeError {
  constructor(
    readonly line: number,
    readonly field: 'quantity' | 'unitPrice' | 'discount' | 'taxRate',
    message: string
  ) {
    super(`Line ${line}: ${message}`)
  }
}

function lineTotals(line: MoneyLineInput, index: number, currency: string) {
  const quantity = new Decimal(line.quantity)
  const unitPrice = new Decimal(line.unitPrice)
  if (quantity.isNegative()) throw new MoneyLineError(index, 'quantity', 'quantity is negative')
  if (unitPrice.isNegative()) throw new MoneyLineError(index, 'unitPrice', 'unit price is negative')
  const gross = roundMoney(quantity.times(unitPrice), currency)
  const discount = !line.discount
    ? new Decimal(0)
    : 'percent' in line.discount
      ? roundMoney(gross.times(line.discount.percent).div(100), currency)
      : roundMoney(line.discount.amount, currency)
  if (discount.isNegative() || discount.greaterThan(gross))
    throw new MoneyLineError(index, 'discount', 'discount is negative or above the line')
  return { gross, discount, net: gross.minus(discount) }
}

/**
 * THE totals of a document, the way the DGI's fiscal devices compute them: each line rounded
 * (quantity x unit price, then its discount), then per tax group the tax on the sum of the group's
 * lines, rounded once; the total is the sum of the groups' bases and taxes. Every rounding is
 * `roundMoney` (half away from zero, to the currency's precision).
 */
export function computeTotals(currency: string, lines: MoneyLineInput[]): MoneyTotals {
  const computed = lines.map((line, index) => lineTotals(line, index, currency))
  const groups = new Map<string, { rate: Decimal; base: Decimal }>()
  lines.forEach((line, index) => {
    const rate = new Decimal(line.taxRate)
    if (rate.isNegative()) throw new MoneyLineError(index, 'taxRate', 'tax rate is negative')
    const group = groups.get(line.taxGroup)
    if (group && !group.rate.equals(rate))
      throw new MoneyLineError(index, 'taxRate', `tax group ${line.taxGroup} has two rates`)
    groups.set(line.taxGroup, {
      rate,
      base: (group?.base ?? new Decimal(0)).plus(computed[index].net),
    })
  })
  const taxGroups = [...groups].map(([taxGroup, { rate, base }]) => ({
    taxGroup,
    rate,
    base,
    tax: roundMoney(base.times(rate).div(100), currency),
  }))
  const net = taxGroups.reduce((sum, group) => sum.plus(group.base), new Decimal(0))
  const tax = taxGroups.reduce((sum, group) => sum.plus(group.tax), new Decimal(0))
  const format = (amount: Decimal) => formatAmount(amount, currency)
  return {
    currency,
    lines: computed.map((line) => ({
      gross: format(line.gross),
      discount: format(line.discount),
      net: format(line.net),
    })),
    taxGroups: taxGroups.map((group) => ({
      taxGroup: group.taxGroup,
      taxRate: group.rate.toString(),
      base: format(group.base),
      tax: format(group.tax),
    })),
    net: format(net),
    tax: format(tax),
    total: format(net.plus(tax)),
  }
}

/**
 * `amount` of one currency in another at `rate` (1 unit of `from` = `rate` units of `to`), rounded
 * to the target currency: the one conversion every module uses once it has its rate.
 */
export function convertAmount(amount: DecimalValue, rate: DecimalValue, to: string): string {
  return formatAmount(new Decimal(amount).times(rate), to)
}
