import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import en from '../src/locales/en.json'
import fr from '../src/locales/fr.json'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key)
  )
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(vue|ts)$/.test(name) ? [path] : []
  })
}

describe('shell messages', () => {
  it('compiles every message in both languages (an unescaped @ or brace would break the page at run time)', () => {
    for (const [locale, messages] of [
      ['fr', fr],
      ['en', en],
    ] as const) {
      const i18n = createI18n({
        legacy: false,
        locale,
        messages: { [locale]: messages },
        missingWarn: false,
        fallbackWarn: false,
      })
      for (const key of keys(messages))
        expect(() => i18n.global.t(key), `${locale} ${key}`).not.toThrow()
    }
  })

  it('defines every literal key the sources use', () => {
    const defined = new Set(keys(fr))
    const used = new Set<string>()
    for (const file of sources(join(__dirname, '../src'))) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]+)'/g)) used.add(match[1]!)
      for (const match of text.matchAll(/titleKey: '([\w.]+)'/g)) used.add(match[1]!)
    }
    const missing = [...used].filter(
      (key) => !defined.has(key) && !key.startsWith('ui.') && !key.startsWith('sdk.')
    )
    expect(missing).toEqual([])
  })
})
