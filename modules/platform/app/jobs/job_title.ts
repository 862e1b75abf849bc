import i18nManager from '@adonisjs/i18n/services/main'
import type { JobTitle, LocalizedText } from './types.ts'

/** A job's title in both languages the product speaks, so each watcher reads it in their own. */
export function translateJobTitle(title: JobTitle): LocalizedText {
  const params = title.params ?? {}
  return {
    fr: i18nManager.locale('fr').t(title.key, params),
    en: i18nManager.locale('en').t(title.key, params),
  }
}
