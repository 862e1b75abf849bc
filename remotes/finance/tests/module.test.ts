import { describe, expect, it } from 'vitest'
import en from '../src/locales/en.json'
import fr from '../src/locales/fr.json'
import module from '../src/module'

/** Every key path of a message tree. */
function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`]
  )
}

describe('module entry', () => {
  it('declares the finance module with fr and en messages under its namespace, with the same keys', () => {
    expect(module.id).toBe('finance')
    expect(Object.keys(module.messages.fr)).toEqual(['finance'])
    expect(keys(fr).sort()).toEqual(keys(en).sort())
  })

  it('protects every route with a finance permission and relative paths', () => {
    for (const route of module.routes) {
      expect(route.path.startsWith('/')).toBe(false)
      expect(route.meta?.permission).toMatch(/^finance\.[a-z]+\.[a-z]+$/)
      expect(String(route.name)).toMatch(/^finance\./)
    }
  })
})
