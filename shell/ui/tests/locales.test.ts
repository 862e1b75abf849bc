import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { uiMessages } from '../src/index'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key)
  )
}

// Key parity is the workspace's locale test (infra/scripts/locale_parity.test.mjs); this one compiles the messages.
describe('ui messages', () => {
  it('compiles every message in both languages (an unescaped @ or brace would break the page at run time)', () => {
    for (const locale of ['fr', 'en'] as const) {
      const i18n = createI18n({
        legacy: false,
        locale,
        messages: uiMessages,
        missingWarn: false,
        fallbackWarn: false,
      })
      for (const key of keys(uiMessages[locale]))
        expect(() => i18n.global.t(key), `${locale} ${key}`).not.toThrow()
    }
  })
})
