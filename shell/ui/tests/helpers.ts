import { createI18n } from 'vue-i18n'
import { uiMessages } from '../src/index'

/** A vue-i18n instance holding only the kit's strings, in the given language. */
export function testI18n(locale: 'fr' | 'en' = 'fr') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'fr', messages: uiMessages })
}
