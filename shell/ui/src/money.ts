/*
 * Amounts as integers of minor units (cents, centimes) written as bigint or digit strings. No step goes
 * through a JS number: a float cannot hold every amount above 2^53 minor units, nor 0.1 exactly.
 * Intl.NumberFormat formats a decimal string exactly (ECMA-402 "Intl mathematical value").
 */

/** Minor units as the kit takes and gives them: a bigint or a string of digits, with an optional leading minus. */
export type MinorUnits = bigint | string

/** Why a typed amount was refused; each has a message under `ui.money.errors.*`. */
export type MoneyParseError = 'characters' | 'decimalSeparator' | 'tooManyDecimals' | 'noDecimals' | 'negative' | 'tooLarge'

/** What `parseMoney` made of a typed amount. */
export type MoneyParseResult = { ok: true; minor: bigint | null } | { ok: false; error: MoneyParseError; digits: number }

/** Largest amount accepted, in minor units: what a PostgreSQL bigint column holds. */
export const MAX_MINOR_UNITS = 9_223_372_036_854_775_807n

const MINOR_PATTERN = /^-?\d+$/

/** The locale Intl formats with for the product's languages: fr-CD names the Congolese franc "FC". */
export function intlLocale(language: string): string {
  if (language.includes('-')) return language
  return language === 'fr' ? 'fr-CD' : language
}

/** Decimals of a currency as ISO 4217 and CLDR define them (USD 2, CDF 2, XAF 0). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
}

/** Reads minor units from a bigint or a digit string; throws on anything else, which is a programming error. */
export function toMinorUnits(value: MinorUnits): bigint {
  if (typeof value === 'bigint') return value
  if (!MINOR_PATTERN.test(value)) throw new TypeError(`Minor units must be a digit string, got "${value}"`)
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
  const formatter = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency })
  return formatter.format(minorToDecimal(toMinorUnits(value), currencyDigits(currency)) as unknown as number)
}

/** The amount without its currency, as it is shown in an input while it is not being edited. */
export function formatAmount(value: MinorUnits, currency: string, locale: string): string {
  const digits = currencyDigits(currency)
  const formatter = new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits })
  return formatter.format(minorToDecimal(toMinorUnits(value), digits) as unknown as number)
}

/** The separators and currency sign of a locale, read from Intl so they follow CLDR. */
export function moneySymbols(currency: string, locale: string): { decimal: string; group: string; currency: string; currencyFirst: boolean } {
  const parts = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency, minimumFractionDigits: 1 }).formatToParts(
    '12345.6' as unknown as number,
  )
  const find = (type: Intl.NumberFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? ''
  const currencyIndex = parts.findIndex((part) => part.type === 'currency')
  const integerIndex = parts.findIndex((part) => part.type === 'integer')
  return { decimal: find('decimal') || '.', group: find('group'), currency: find('currency'), currencyFirst: currencyIndex < integerIndex }
}

const SPACES = /[\s\u00a0\u202f]/g

/**
 * Reads an amount typed in the locale's way ("1 234 567,50" in fr, "1,234,567.50" in en) into minor units.
 * Spaces and the locale's group separator are ignored; the currency sign may be typed or left out.
 */
export function parseMoney(text: string, currency: string, locale: string, options: { allowNegative?: boolean } = {}): MoneyParseResult {
  const digits = currencyDigits(currency)
  const symbols = moneySymbols(currency, locale)
  let rest = text.replace(SPACES, '')
  if (symbols.currency) rest = rest.split(symbols.currency.replace(SPACES, '')).join('')
  if (rest === '') return { ok: true, minor: null }
  const refuse = (error: MoneyParseError): MoneyParseResult => ({ ok: false, error, digits })

  let negative = false
  if (rest.startsWith('-') || rest.startsWith('\u2212')) {
    negative = true
    rest = rest.slice(1)
  }
  const group = symbols.group.replace(SPACES, '')
  if (group) rest = rest.split(group).join('')
  if (!/^[\d.,]+$/.test(rest)) return refuse('characters')
  if (rest.includes(symbols.decimal === ',' ? '.' : ',')) return refuse('decimalSeparator')
  const pieces = rest.split(symbols.decimal)
  if (pieces.length > 2 || !/\d/.test(rest)) return refuse('characters')
  const [whole, fraction = ''] = pieces
  if (fraction.length > 0 && digits === 0) return refuse('noDecimals')
  if (fraction.length > digits) return refuse('tooManyDecimals')
  if (negative && !options.allowNegative) return refuse('negative')

  const minor = BigInt(`${whole || '0'}${fraction.padEnd(digits, '0')}`)
  if (minor > MAX_MINOR_UNITS) return refuse('tooLarge')
  return { ok: true, minor: negative ? -minor : minor }
}
