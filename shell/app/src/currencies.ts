import type { SelectOption } from '@ia/ui'

/** Currencies offered: those of the DR Congo and its trading partners, then the CFA francs and other neighbours. */
export const CURRENCIES = [
  'CDF',
  'USD',
  'EUR',
  'XAF',
  'XOF',
  'RWF',
  'BIF',
  'ZAR',
  'ZMW',
  'AOA',
  'KES',
  'UGX',
  'TZS',
  'CNY',
  'GBP',
] as const

/** Select options such as "CDF – franc congolais", named by the browser in the given language. */
export function currencyOptions(locale: string): SelectOption[] {
  const names = new Intl.DisplayNames([locale], { type: 'currency' })
  return CURRENCIES.map((code) => ({ value: code, label: `${code} – ${names.of(code) ?? code}` }))
}
