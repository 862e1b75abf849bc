import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'

/** Where a number written without an international prefix is assumed to be. */
export const DEFAULT_PHONE_COUNTRY: CountryCode = 'CD'

/**
 * A phone number as written by a person ("0812345678", "+243 81 234 5678", "00243 81...")
 * in E.164 form ("+243812345678"), or null when it is not a valid number.
 */
export function normalizePhoneNumber(input: string, defaultCountry: string | null = DEFAULT_PHONE_COUNTRY) {
  const compact = input.trim().replace(/[\s.\-()/]/g, '')
  if (!/^(\+|00)?\d{4,17}$/.test(compact)) return null
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact
  const country = (defaultCountry ?? DEFAULT_PHONE_COUNTRY).toUpperCase() as CountryCode
  const parsed = parsePhoneNumberFromString(international, country)
  return parsed?.isValid() ? parsed.number : null
}
