import i18nManager from '@adonisjs/i18n/services/main'
import type { LocalizedText } from '@ia/kernel/contracts'

/** A message of the module's language files in every language the product speaks, for texts stored or broadcast before anyone reads them (job labels and progress). */
export function localizedText(key: string, data?: Record<string, unknown>): LocalizedText {
  return { fr: i18nManager.locale('fr').t(key, data), en: i18nManager.locale('en').t(key, data) }
}
