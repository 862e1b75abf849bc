import { currencyDigits, formatMoney, type DateRange } from '@ia/ui'

/** A decimal string of `currency` written for `locale`, through the UI kit's money formatting. */
export function formatDecimal(value: string, currency: string, locale: string): string {
  return formatMoney(decimalToMinor(value, currency), currency, locale)
}

/** Minor units (a digit string) of a decimal string: "1234.5" USD -> "123450". */
export function decimalToMinor(value: string, currency: string): string {
  const digits = currencyDigits(currency)
  const negative = value.startsWith('-')
  const [whole, fraction = ''] = value.replace(/^-/, '').split('.')
  const minor = `${whole}${fraction.padEnd(digits, '0').slice(0, digits)}`.replace(/^0+(?=\d)/, '')
  return negative && /[1-9]/.test(minor) ? `-${minor}` : minor
}

/** The decimal string of minor units: "123450" USD -> "1234.50". */
export function minorToDecimal(minor: string | bigint, currency: string): string {
  const digits = currencyDigits(currency)
  const text = String(minor)
  const negative = text.startsWith('-')
  const bare = text.replace(/^-/, '').padStart(digits + 1, '0')
  const decimal = digits ? `${bare.slice(0, -digits)}.${bare.slice(-digits)}` : bare
  return negative ? `-${decimal}` : decimal
}

/** A text in the user's language. */
export function localized(text: { fr: string; en: string }, locale: string): string {
  return locale.startsWith('en') ? text.en : text.fr
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function today(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

/** From the first of January to today. */
export function yearToDate(): DateRange {
  const end = today()
  return { start: `${end.slice(0, 4)}-01-01`, end }
}
