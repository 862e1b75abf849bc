import { describe, expect, it } from 'vitest'
import { sdkMessages } from '../src/index'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
}

describe('sdk messages', () => {
  it('has the same keys in French and English', () => {
    expect(keys(sdkMessages.en).sort()).toEqual(keys(sdkMessages.fr).sort())
  })
})
