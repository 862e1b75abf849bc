import { useI18n } from 'vue-i18n'

/** Formats dates in the user's language. Call in setup. */
export function useDateFormat() {
  const { locale } = useI18n()
  return {
    /** A calendar date such as "12 mars 2025". */
    date(value: string | null | undefined): string {
      if (!value) return ''
      return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium' }).format(new Date(value))
    },
  }
}
