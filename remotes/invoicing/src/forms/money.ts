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

/**
 * An exchange rate ("2850.000000", "0.000350877") written for a reader: grouped the locale's way, at
 * most `digits` decimals, trailing zeros dropped. Text only, never arithmetic.
 */
export function formatRate(rate: string, locale: string, digits = 6): string {
  const [whole = '0', fraction = ''] = rate.split('.')
  const grouped = new Intl.NumberFormat(locale).format(BigInt(whole))
  const kept = fraction.slice(0, digits).replace(/0+$/, '')
  if (!kept) return grouped
  const decimal =
    new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')
      ?.value ?? '.'
  return `${grouped}${decimal}${kept}`
}
