import { DateTime } from 'luxon'
import { Decimal } from '@ia/kernel/contracts'
import { RATE_PATTERN } from '../validators/currencies.ts'

/** A rate as stored: a decimal string without useless zeros ("2850.50" -> "2850.5"); null unless above zero and within numeric(30,12). */
export function normalizeRate(text: string): string | null {
  if (!RATE_PATTERN.test(text)) return null
  const rate = new Decimal(text)
  return rate.greaterThan(0) ? rate.toString() : null
}

/** A YYYY-MM-DD date that exists and is not after `today` (a rate is known once its day has come); null otherwise. */
export function rateDate(text: string, today = DateTime.now().toISODate()): string | null {
  const date = DateTime.fromISO(text)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !date.isValid || date.year < 1900) return null
  return text <= today ? text : null
}
