import { useI18n } from 'vue-i18n'
import type { Localized } from '../types'

const formats = new Map<string, Intl.DateTimeFormat>()
function dateTimeFormat(locale: string) {
  let format = formats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
    formats.set(locale, format)
  }
  return format
}

/** Texts, dates and sizes in the user's language. Call in setup. */
export function useMarketplaceFormat() {
  const { locale } = useI18n()
  return {
    /** The user's language of a `{ fr, en }` text (French when the language is neither). */
    text(value: Localized | null | undefined): string {
      if (!value) return ''
      return locale.value === 'en' ? value.en : value.fr
    },
    /** A moment such as "12 mars 2025, 10:04". */
    dateTime(value: string | null | undefined): string {
      return value ? dateTimeFormat(locale.value).format(new Date(value)) : ''
    },
    /** A byte count as kB or MB. */
    size(bytes: number): string {
      const [value, unit] =
        bytes >= 1e6
          ? [bytes / 1e6, 'megabyte']
          : bytes >= 1e3
            ? [bytes / 1e3, 'kilobyte']
            : [bytes, 'byte']
      return new Intl.NumberFormat(locale.value, {
        style: 'unit',
        unit,
        maximumFractionDigits: 1,
      }).format(value)
    },
    /** A plain count with the locale's grouping. */
    count(value: number): string {
      return new Intl.NumberFormat(locale.value).format(value)
    },
  }
}
