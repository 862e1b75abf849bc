import { describe, expect, it } from 'vitest'
import { defineRemoteConfig } from '../src/index.ts'

describe('defineRemoteConfig', () => {
  it('serves the remote from /remotes/<id>/', () => {
    expect(defineRemoteConfig({ id: 'contacts' }).base).toBe('/remotes/contacts/')
  })

  it('rejects an id that cannot be a federation name or a folder', () => {
    expect(() => defineRemoteConfig({ id: 'Contacts' })).toThrow(/must match/)
    expect(() => defineRemoteConfig({ id: '../x' })).toThrow(/must match/)
  })

  it('requires the ./module expose', () => {
    expect(() => defineRemoteConfig({ id: 'contacts', exposes: { './routes': './src/routes.ts' } })).toThrow(
      /must expose "\.\/module"/
    )
  })

  it('merges extra Vite config over the generated one', () => {
    const config = defineRemoteConfig({ id: 'contacts', vite: { build: { sourcemap: true } } })
    expect(config.build?.sourcemap).toBe(true)
    expect(config.build?.outDir).toBe('dist')
  })
})
