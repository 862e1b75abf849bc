import { updateMe, usePlatformSession, type Locale } from '@ia/sdk'
import { computed } from 'vue'
import { applyLocale, currentLocale, i18n } from '../i18n'

/** The page language, switched on this device and, when signed in, on the user's account. */
export function useLocale() {
  const session = usePlatformSession()
  const locale = computed(() => i18n.global.locale.value as Locale)

  async function setLocale(next: Locale): Promise<void> {
    if (next === currentLocale()) return
    applyLocale(next)
    if (session.user && session.user.locale !== next)
      session.setUser((await updateMe({ locale: next })).user)
  }

  return { locale, setLocale }
}
