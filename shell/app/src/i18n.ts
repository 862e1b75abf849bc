import { sdkMessages, type Locale, type MessageTree } from '@ia/sdk'
import { uiMessages } from '@ia/ui'
import { createI18n } from 'vue-i18n'
import en from './locales/en.json'
import fr from './locales/fr.json'

/** Languages of the product, French first. */
export const LOCALES: readonly Locale[] = ['fr', 'en']

const STORAGE_KEY = 'ia.locale'
/** The cookie the backend reads for the language of its answers before sign-in (after Accept-Language). */
const LOCALE_COOKIE = 'ia_locale'

/** Whether a value names a product language. */
export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en'
}

/** The language chosen on this device, else the browser's first product language, else French. */
function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    if (isLocale(stored)) return stored
  } catch {
    // Storage can be blocked (private mode); the browser's languages still apply.
  }
  const preferred = (navigator.languages ?? [navigator.language]).map((tag) =>
    tag.slice(0, 2).toLowerCase()
  )
  return preferred.find(isLocale) ?? 'fr'
}

/** The shell's vue-i18n, shared with every remote: shell, UI kit and SDK strings, plus each module's once loaded. */
export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'fr',
  datetimeFormats: {
    fr: { short: { dateStyle: 'medium' }, long: { dateStyle: 'medium', timeStyle: 'short' } },
    en: { short: { dateStyle: 'medium' }, long: { dateStyle: 'medium', timeStyle: 'short' } },
  },
  messages: {
    fr: { ...fr, ...uiMessages.fr, ...sdkMessages.fr },
    en: { ...en, ...uiMessages.en, ...sdkMessages.en },
  },
})

/** Tells the backend this device's language, for requests the SDK does not make (it sends Accept-Language). */
function rememberForServer(locale: Locale): void {
  const secure = window.location.protocol === 'https:' ? '; secure' : ''
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax${secure}`
}

rememberForServer(currentLocale())

/** The language in force. */
export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

/** Switches the language of the page and remembers it on this device. */
export function applyLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  rememberForServer(locale)
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Without storage the choice lasts for this page only.
  }
}

/** Adds a module's strings to a language. */
export function mergeMessages(locale: Locale, messages: MessageTree): void {
  i18n.global.mergeLocaleMessage(locale, messages as never)
}
