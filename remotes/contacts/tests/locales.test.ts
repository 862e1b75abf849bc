import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import en from '../src/locales/en.json'
import fr from '../src/locales/fr.json'
import module from '../src/module'

describe('module entry', () => {
  it('declares the contacts module with fr and en messages under its namespace', () => {
    expect(module.id).toBe('contacts')
    expect(Object.keys(module.messages.fr)).toEqual(['contacts'])
    expect(Object.keys(module.messages.en)).toEqual(['contacts'])
  })

  it('protects every route with a contacts permission and relative paths', () => {
    for (const route of module.routes) {
      expect(route.path.startsWith('/')).toBe(false)
      expect(route.meta?.permission).toMatch(/^contacts\.contact\.(read|create|update|import)$/)
      expect(String(route.name)).toMatch(/^contacts\./)
    }
  })

  it('renders the format help whole: a bare "|" would split it into plural forms', () => {
    const i18n = createI18n({ legacy: false, locale: 'fr', messages: { fr, en } })
    expect(i18n.global.t('contacts.import.formatText')).toMatch(
      /« \| »\. Une colonne « archivé le »/
    )
    expect(i18n.global.t('contacts.import.formatText', {}, { locale: 'en' })).toMatch(
      /“\|”\. An “archived at” column/
    )
  })
})
