import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import en from '../src/locales/en.json'
import fr from '../src/locales/fr.json'
import module from '../src/module'

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`]
  )
}

describe('module entry', () => {
  it('has the same keys in French and English', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(fr).sort())
  })

  it('protects every route with an invoicing permission and relative paths', () => {
    for (const route of module.routes) {
      expect(route.path.startsWith('/')).toBe(false)
      expect(route.meta?.permission).toMatch(
        /^invoicing\.(invoice|product|tax)\.read$|^invoicing\.invoice\.(create|update)$/
      )
      expect(String(route.name)).toMatch(/^invoicing\./)
    }
  })

  it('shows the numbering placeholders literally', () => {
    const i18n = createI18n({ legacy: false, locale: 'fr', messages: { fr, en } })
    expect(i18n.global.t('invoicing.settings.seriesHint')).toMatch(/^\{YYYY\} ou \{YY\} .*\{NNNN\}/)
  })
})
