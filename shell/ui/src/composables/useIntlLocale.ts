import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { intlLocale } from '../money'

/** The Intl locale a component formats with: its `locale` prop when given, else the app's language. */
export function useIntlLocale(props: { locale?: string }): ComputedRef<string> {
  const { locale } = useI18n()
  return computed(() => intlLocale(props.locale ?? locale.value))
}
