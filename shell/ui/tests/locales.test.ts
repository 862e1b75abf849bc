import { describe, expect, it } from 'vitest'
import { uiMessages } from '../src/index'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
}

describe('ui messages', () => {
  it('has the same keys in French and English', () => {
    expect(keys(uiMessages.en).sort()).toEqual(keys(uiMessages.fr).sort())
  })
})
