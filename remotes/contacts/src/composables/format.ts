import { countryName } from '@ia/ui'
import { useI18n } from 'vue-i18n'

/** One Intl formatter per locale, built the first time it is needed: building one costs far more than using it. */
const dateFormats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(locale: string) {
  let format = dateFormats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
    dateFormats.set(locale, format)
  }
  return format
}

/** Formats dates in the user's language. Call in setup. */
export function useDateFormat() {
  const { locale } = useI18n()
  return {
    /** A calendar date such as "12 mars 2025". */
    date(value: string | null | undefined): string {
      if (!value) return ''
      return dateFormat(locale.value).format(new Date(value))
    },
  }
}

/**
 * A city and its country as the reader says them ("Lubumbashi, Congo-Kinshasa"); without a city, nothing:
 * what shows under a city's label is never a country.
 */
export function formatPlace(
  city: string | null | undefined,
  country: string | null | undefined,
  locale: string
): string {
  if (!city) return ''
  return [city, countryName(country, locale)].filter(Boolean).join(', ')
}

/** Formats places in the user's language. Call in setup. */
export function usePlaceFormat() {
  const { locale } = useI18n()
  return (city: string | null | undefined, country: string | null | undefined) =>
    formatPlace(city, country, locale.value)
}
