import { describe, expect, it } from 'vitest'
import en from '../src/locales/en.json'
import fr from '../src/locales/fr.json'
import module from '../src/module'

/** Every leaf key of a message tree, dotted. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value, `${prefix}${key}.`)
      : [`${prefix}${key}`]
  )
}

describe('module entry', () => {
  it('declares the marketplace module with fr and en messages under its namespace, with the same keys', () => {
    expect(module.id).toBe('marketplace')
    expect(Object.keys(module.messages.fr)).toEqual(['marketplace'])
    expect(keys(fr).sort()).toEqual(keys(en).sort())
  })

  it('names every route after the module, with relative paths and the marketplace permissions', () => {
    for (const route of module.routes) {
      expect(route.path.startsWith('/')).toBe(false)
      expect(String(route.name)).toMatch(/^marketplace\./)
      if (route.meta?.permission)
        expect(route.meta.permission).toMatch(
          /^marketplace\.(catalog\.read|install\.manage|apikey\.manage)$/
        )
    }
    const byName = Object.fromEntries(
      module.routes.map((route) => [route.name, route.meta?.permission])
    )
    expect(byName['marketplace.installed']).toBe('marketplace.install.manage')
    expect(byName['marketplace.apiKeys']).toBe('marketplace.apikey.manage')
  })
})
