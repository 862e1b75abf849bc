/*
 * Amounts as integers of minor units (cents, centimes) written as bigint or digit strings. No step goes
 * through a JS number: a float cannot hold every amount above 2^53 minor units, nor 0.1 exactly.
 * Formatting and parsing follow the locale through @internationalized/number (its NumberFormatter caches the
 * Intl formatters; Intl formats a decimal string exactly, ECMA-402 "Intl mathematical value"). Its NumberParser
 * decides whether a typed text is an amount in the locale; it reads into a JS number, so the exact minor units are
 * then taken from the text's own digits, split at the locale's decimal sign.
 */
import { NumberFormatter, NumberParser } from '@internationalized/number'

/** Minor units as the kit takes and gives them: a bigint or a string of digits, with an optional leading minus. */
export type MinorUnits = bigint | string

/** Why a typed amount was refused; each has a message under `ui.money.errors.*`. */
export type MoneyParseError =
  'characters' | 'decimalSeparator' | 'tooManyDecimals' | 'noDecimals' | 'negative' | 'tooLarge'

/** What `parseMoney` made of a typed amount. */
export type MoneyParseResult =
  { ok: true; minor: bigint | null } | { ok: false; error: MoneyParseError; digits: number }

/** The separators and currency sign a locale writes an amount with. */
export type MoneySymbols = {
  decimal: string
  group: string
  currency: string
  currencyFirst: boolean
}

/** Largest amount accepted, in minor units: what a PostgreSQL bigint column holds. */
export const MAX_MINOR_UNITS = 9_223_372_036_854_775_807n

const MINOR_PATTERN = /^-?\d+$/
const SPACES = /[\s\u00a0\u202f]/g
const MINUS = /^[-\u2212]/
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/u

/** The locale Intl formats with for the product's languages: fr-CD names the Congolese franc "FC". */
export function intlLocale(language: string): string {
  if (language.includes('-')) return language
  return language === 'fr' ? 'fr-CD' : language
}

/** Per-key memory for values derived from Intl, which are costly to build and never change. */
function memoize<T>(
  compute: (currency: string, locale: string) => T
): (currency: string, locale: string) => T {
  const cache = new Map<string, T>()
  return (currency, locale) => {
    const key = `${currency}|${locale}`
    let value = cache.get(key)
    if (value === undefined) {
      value = compute(currency, locale)
      cache.set(key, value)
    }
    return value
  }
}

/** Formats an exact decimal string: Intl accepts one where its types say number. */
function formatDecimal(formatter: NumberFormatter, decimal: string): string {
  return formatter.format(decimal as unknown as number)
}

const digitsOf = memoize(
  (currency) =>
    new NumberFormatter('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
)

/** Decimals of a currency as ISO 4217 and CLDR define them (USD 2, CDF 2, XAF 0). */
export function currencyDigits(currency: string): number {
  return digitsOf(currency, '')
}

/** Reads minor units from a bigint or a digit string; throws on anything else, which is a programming error. */
export function toMinorUnits(value: MinorUnits): bigint {
  if (typeof value === 'bigint') return value
  if (!MINOR_PATTERN.test(value))
    throw new TypeError(`Minor units must be a digit string, got "${value}"`)
  return BigInt(value)
}

/** Minor units written as an exact decimal string in major units: 123456750n with 2 digits gives "1234567.50". */
export function minorToDecimal(minor: bigint, digits: number): string {
  const negative = minor < 0n
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0')
  const whole = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text
  return negative ? `-${whole}` : whole
}

/** The amount with its currency, as the locale writes it: `1 234 567,50 FC` in fr, `$1,234,567.50` in en. */
export function formatMoney(value: MinorUnits, currency: string, locale: string): string {
  const formatter = new NumberFormatter(intlLocale(locale), { style: 'currency', currency })
  return formatDecimal(formatter, minorToDecimal(toMinorUnits(value), currencyDigits(currency)))
}

/** The amount without its currency, as it is shown in an input while it is not being edited. */
export function formatAmount(value: MinorUnits, currency: string, locale: string): string {
  const digits = currencyDigits(currency)
  const formatter = new NumberFormatter(intlLocale(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
  return formatDecimal(formatter, minorToDecimal(toMinorUnits(value), digits))
}

const symbolsOf = memoize((currency, locale): MoneySymbols => {
  const formatter = new NumberFormatter(intlLocale(locale), {
    style: 'currency',
    currency,
    minimumFractionDigits: 1,
  })
  const parts = formatter.formatToParts('12345.6' as unknown as number)
  const find = (type: Intl.NumberFormatPartTypes) =>
    parts.find((part) => part.type === type)?.value ?? ''
  const currencyIndex = parts.findIndex((part) => part.type === 'currency')
  const integerIndex = parts.findIndex((part) => part.type === 'integer')
  return {
    decimal: find('decimal') || '.',
    group: find('group'),
    currency: find('currency'),
    currencyFirst: currencyIndex < integerIndex,
  }
})

/** The separators and currency sign of a locale, read from Intl so they follow CLDR. */
export function moneySymbols(currency: string, locale: string): MoneySymbols {
  return symbolsOf(currency, locale)
}

/** Why NumberParser refused a text, in the words the user is told. */
function refusal(
  text: string,
  digits: number,
  symbols: MoneySymbols,
  parser: NumberParser,
  allowNegative: boolean
): MoneyParseError {
  if (!allowNegative && MINUS.test(text) && parser.isValidPartialNumber(text)) return 'negative'
  if (digits === 0 && text.includes(symbols.decimal) && /^[-\u2212\d.,\s\u00a0\u202f]+$/.test(text))
    return 'noDecimals'
  const other = symbols.decimal === ',' ? '.' : ','
  if (text.includes(other) && parser.isValidPartialNumber(text.replaceAll(other, symbols.decimal)))
    return 'decimalSeparator'
  return 'characters'
}

/**
 * Reads an amount typed in the locale's way ("1 234 567,50" in fr, "1,234,567.50" in en) into minor units.
 * Spaces and the locale's group separator are ignored; the currency sign may be typed or left out.
 */
export function parseMoney(
  text: string,
  currency: string,
  locale: string,
  options: { allowNegative?: boolean } = {}
): MoneyParseResult {
  const digits = currencyDigits(currency)
  const symbols = moneySymbols(currency, locale)
  const refuse = (error: MoneyParseError): MoneyParseResult => ({ ok: false, error, digits })
  const typed = text.trim()
  if (typed === '') return { ok: true, minor: null }

  const parser = new NumberParser(intlLocale(locale), { style: 'currency', currency })
  if (!parser.isValidPartialNumber(typed, options.allowNegative ? -Infinity : 0)) {
    return refuse(refusal(typed, digits, symbols, parser, options.allowNegative ?? false))
  }
  const value = parser.parse(typed)
  // NumberParser also reads other numbering systems (Arabic-Indic digits...), which the exact reading below does not.
  if (Number.isNaN(value) || NON_ASCII_DIGIT.test(typed)) return refuse('characters')

  let rest = typed.replace(SPACES, '')
  if (symbols.currency) rest = rest.split(symbols.currency.replace(SPACES, '')).join('')
  const [whole = '', fraction = ''] = rest
    .split(symbols.decimal)
    .map((piece) => piece.replace(/\D/g, ''))
  // The parser's reading and the text's digits are the same number (to the float's precision), or the text is not understood.
  if (Number(`${whole || '0'}.${fraction || '0'}`) !== Math.abs(value)) return refuse('characters')
  if (fraction.length > digits) return refuse('tooManyDecimals')

  const minor = BigInt(`${whole || '0'}${fraction.padEnd(digits, '0')}`)
  if (minor > MAX_MINOR_UNITS) return refuse('tooLarge')
  return { ok: true, minor: value < 0 || Object.is(value, -0) ? -minor : minor }
}
