import { getAlpha2Codes } from 'i18n-iso-countries'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

/** ISO 3166-1 alpha-2 codes of every country and territory (the list the backend accepts). */
export const COUNTRY_CODES: readonly string[] = Object.keys(getAlpha2Codes()).sort()

/** ISO 4217 currency codes the browser knows. */
export const CURRENCY_CODES: readonly string[] = Intl.supportedValuesOf('currency')

/** A code named in `locale` by the browser ("CD" is "Congo-Kinshasa" in French), or the code itself. */
export function displayName(
  code: string,
  type: 'region' | 'currency' | 'language',
  locale: string
): string {
  try {
    return new Intl.DisplayNames([locale], { type }).of(code) ?? code
  } catch {
    return code
  }
}

/** A country's name in `locale`, or '' for none. */
export function countryName(code: string | null | undefined, locale: string): string {
  return code ? displayName(code.toUpperCase(), 'region', locale) : ''
}

/** One code of a picker, its name in the user's language, and whether it is listed first. */
export interface CodeOption {
  value: string
  label: string
  preferred?: boolean
}

/**
 * Codes as picker options: the `preferred` ones first in their order, then every other one by name in
 * the user's language.
 */
export function codeOptions(
  codes: readonly string[],
  name: (code: string) => string,
  preferred: readonly string[],
  locale: string
): CodeOption[] {
  const first = preferred.filter(
    (code, index) => codes.includes(code) && preferred.indexOf(code) === index
  )
  const collator = new Intl.Collator(locale)
  const rest = codes
    .filter((code) => !first.includes(code))
    .map((code) => ({ value: code, label: name(code) }))
    .sort((a, b) => collator.compare(a.label, b.label))
  return [...first.map((code) => ({ value: code, label: name(code), preferred: true })), ...rest]
}

/** A stored E.164 number grouped for reading the same way for every country ("+243 810 001 014", "+33 6 12 34 56 78"). */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return ''
  return parsePhoneNumberFromString(value)?.formatInternational() ?? value
}

/** Links that reach a stored number: a call (`tel:`), and WhatsApp (`https://wa.me/<digits>`) for a mobile number. */
export function phoneLinks(
  value: string | null | undefined
): { call: string; whatsapp: string | null } | null {
  const parsed = value ? parsePhoneNumberFromString(value) : undefined
  if (!parsed?.isValid()) return null
  const type = parsed.getType()
  const mobile = type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE'
  return {
    call: parsed.getURI(),
    whatsapp: mobile ? `https://wa.me/${parsed.number.slice(1)}` : null,
  }
}
