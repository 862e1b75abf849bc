import { useI18n } from 'vue-i18n'

/**
 * A phone number stored in E.164 form, grouped for reading: DR Congo numbers as "+243 81 234 5678",
 * others left as stored.
 */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return ''
  const congo = /^\+243(\d{2})(\d{3})(\d{4})$/.exec(value)
  return congo ? `+243 ${congo[1]} ${congo[2]} ${congo[3]}` : value
}

/** One Intl formatter per locale, built the first time it is needed: building one costs far more than using it. */
function perLocale<T>(build: (locale: string) => T): (locale: string) => T {
  const cache = new Map<string, T>()
  return (locale) => {
    let value = cache.get(locale)
    if (value === undefined) {
      value = build(locale)
      cache.set(locale, value)
    }
    return value
  }
}

const dateFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }))
const regionNames = perLocale((locale) => new Intl.DisplayNames([locale], { type: 'region' }))

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

/** A city and a country code as the reader says them: "Lubumbashi, RD Congo". */
export function formatPlace(city: string | null | undefined, country: string | null | undefined, locale: string): string {
  let countryName = country ?? ''
  if (country) {
    try {
      countryName = regionNames(locale).of(country.toUpperCase()) ?? country
    } catch {
      // Not a region code the runtime knows: show it as stored.
    }
  }
  return [city, countryName].filter(Boolean).join(', ')
}

/** Formats places in the user's language. Call in setup. */
export function usePlaceFormat() {
  const { locale } = useI18n()
  return (city: string | null | undefined, country: string | null | undefined) => formatPlace(city, country, locale.value)
}
