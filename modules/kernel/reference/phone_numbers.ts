import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'

/** Where a number written without an international prefix is assumed to be when nothing says otherwise. */
export const DEFAULT_PHONE_COUNTRY = 'CD'

/** Characters people put between the digits of a phone number. */
const SEPARATORS = /[\s.\-()/]/g
/** A phone number as typed: an optional `+` or `00`, then digits (separators removed). */
const PHONE_LIKE = /^(\+|00)?\d{4,17}$/

function parse(input: string, defaultCountry: string | null | undefined) {
  const compact = input.trim().replace(SEPARATORS, '')
  if (!PHONE_LIKE.test(compact)) return null
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact
  const country = (
    defaultCountry && /^[A-Za-z]{2}$/.test(defaultCountry) ? defaultCountry : DEFAULT_PHONE_COUNTRY
  ).toUpperCase()
  const parsed = parsePhoneNumberFromString(international, country as CountryCode)
  return parsed?.isValid() ? parsed : null
}

/**
 * A phone number as written by a person ("0812345678", "+243 81 234 5678", "00243 81...") in E.164
 * form ("+243812345678"), or null when it is not a valid number. A number without an international
 * prefix is read in `defaultCountry` (the contact's or the organisation's), else in DR Congo.
 */
export function normalizePhoneNumber(
  input: string,
  defaultCountry: string | null = DEFAULT_PHONE_COUNTRY
): string | null {
  return parse(input, defaultCountry)?.number ?? null
}

/** A stored E.164 number grouped for reading, the same way for every country ("+243 810 001 014", "+33 6 12 34 56 78"). */
export function formatPhoneNumber(e164: string): string {
  return parse(e164, null)?.formatInternational() ?? e164
}

/**
 * The forms of a stored number a search must find: international digits, national with its trunk
 * prefix and without it ("243810001014", "0810001014", "810001014").
 */
export function phoneSearchKeywords(e164: string): string[] {
  const parsed = parse(e164, null)
  if (!parsed) return [e164]
  const national = parsed.formatNational().replace(/\D/g, '')
  return [...new Set([parsed.number.slice(1), national, String(parsed.nationalNumber)])]
}

/**
 * A search text that is one phone number in any of its forms ("081 000 1014", "+243810001014") as the
 * words the index holds for it: the international digits when it is a valid number in `country`, its
 * digits run together when it is only the start of one; null when the text is not a phone number.
 */
export function phoneSearchText(text: string, country: string | null): string | null {
  const compact = text.trim().replace(SEPARATORS, '')
  if (!/^(\+|00)?\d{3,17}$/.test(compact)) return null
  return parse(text, country)?.number.slice(1) ?? compact.replace(/^(\+|00)/, '')
}
