import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fr from '../src/locales/fr.json'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(vue|ts)$/.test(name) ? [path] : []
  })
}

describe('shell messages', () => {
  it('defines every literal key the sources use', () => {
    const defined = new Set(keys(fr))
    const used = new Set<string>()
    for (const file of sources(join(__dirname, '../src'))) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]+)'/g)) used.add(match[1]!)
      for (const match of text.matchAll(/titleKey: '([\w.]+)'/g)) used.add(match[1]!)
    }
    const missing = [...used].filter((key) => !defined.has(key) && !key.startsWith('ui.') && !key.startsWith('sdk.'))
    expect(missing).toEqual([])
  })
})
