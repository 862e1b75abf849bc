import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

/** Rates and dates written the reader's way; a rate is a decimal string and stays one (Intl formats it exactly). */
export function useRateFormat() {
  const { locale } = useI18n()
  const intlLocale = computed(() => (locale.value === 'fr' ? 'fr-CD' : locale.value))
  const rateFormatter = computed(
    () =>
      new Intl.NumberFormat(intlLocale.value, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 12,
      })
  )
  const dateFormatter = computed(
    () => new Intl.DateTimeFormat(intlLocale.value, { dateStyle: 'medium', timeZone: 'UTC' })
  )
  const shortDateFormatter = computed(
    () =>
      new Intl.DateTimeFormat(intlLocale.value, { day: 'numeric', month: 'short', timeZone: 'UTC' })
  )
  return {
    /** "2 850,50" in French, "2,850.50" in English; every digit of the rate is kept. */
    rate: (value: string) => rateFormatter.value.format(value as unknown as number),
    /** "2 mars 2026". */
    date: (iso: string) => dateFormatter.value.format(new Date(`${iso}T00:00:00Z`)),
    /** "2 mars", for the chart's axis. */
    shortDate: (iso: string) => shortDateFormatter.value.format(new Date(`${iso}T00:00:00Z`)),
  }
}
