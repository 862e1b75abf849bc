import { toCardinal } from 'n2words/fr-FR'
import { currencyName, Decimal, currencyPrecision } from '@ia/kernel/contracts'

/** How the main and minor units of a currency are written in French, plural. */
const UNITS: Record<string, [string, string]> = {
  CDF: ['francs congolais', 'centimes'],
  USD: ['dollars américains', 'cents'],
  EUR: ['euros', 'centimes'],
}

/**
 * An amount in French words, as a DR Congo invoice states its total: "deux mille huit cent vingt
 * francs congolais et cinquante centimes". Exact: the digits are read from the decimal string.
 */
export function amountInFrenchWords(amount: string, currency: string) {
  const value = new Decimal(amount)
  const precision = currencyPrecision(currency)
  const [main, minor] = UNITS[currency] ?? [currencyName(currency, 'fr'), 'centièmes']
  const whole = BigInt(value.trunc().toFixed(0))
  const fraction = precision
    ? BigInt(value.minus(value.trunc()).times(new Decimal(10).pow(precision)).toFixed(0))
    : 0n
  const words = `${toCardinal(whole)} ${main}`
  return fraction > 0n ? `${words} et ${toCardinal(fraction)} ${minor}` : words
}
