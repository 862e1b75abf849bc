import { currencyDigits } from '@ia/ui'

/** The wire's decimal string ("1500.00", exactly the currency's digits) as the minor units the UI kit formats. */
export function minorOf(amount: string): string {
  return amount.replace('.', '')
}

/** The minor units a money input holds, as the decimal string the API reads ("150000" CDF -> "1500.00"). */
export function decimalOf(minor: string | null, currency: string): string | null {
  if (minor === null || minor === '') return null
  const negative = minor.startsWith('-')
  const digits = currencyDigits(currency)
  const bare = negative ? minor.slice(1) : minor
  if (digits === 0) return minor
  const padded = bare.padStart(digits + 1, '0')
  return `${negative ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`
}

/**
 * A decimal string of any number of digits ("12.5", "3") as the currency's minor units, or null when it
 * has more digits than the currency (a unit price may: the line is rounded, not the price).
 */
export function minorOfDecimal(amount: string, currency: string): string | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim())
  if (!match) return null
  const digits = currencyDigits(currency)
  const fraction = (match[2] ?? '').replace(/0+$/, '')
  if (fraction.length > digits) return null
  const minor = `${match[1]}${fraction.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '')
  return minor
}
