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
    expect(() =>
      defineRemoteConfig({ id: 'contacts', exposes: { './routes': './src/routes.ts' } })
    ).toThrow(/must expose "\.\/module"/)
  })

  it('refuses a base other than /remotes/<id>/, where the shell checks the files', () => {
    for (const base of [
      'https://cdn.example.com/contacts/',
      '//cdn.example.com/remotes/contacts/',
      '/cdn/contacts/',
      '/remotes/other/',
      './',
      '',
    ]) {
      expect(() => defineRemoteConfig({ id: 'contacts', vite: { base } }), base).toThrow(
        /must load its files from "\/remotes\/contacts\/"/
      )
    }
    expect(defineRemoteConfig({ id: 'contacts', vite: { base: '/remotes/contacts/' } }).base).toBe(
      '/remotes/contacts/'
    )
  })

  it('refuses renderBuiltUrl, which would send file URLs elsewhere too', () => {
    const renderBuiltUrl = (file: string) => `https://cdn.example.com/${file}`
    expect(() =>
      defineRemoteConfig({ id: 'contacts', vite: { experimental: { renderBuiltUrl } } })
    ).toThrow(/renderBuiltUrl/)
  })

  it('merges extra Vite config over the generated one', () => {
    const config = defineRemoteConfig({ id: 'contacts', vite: { build: { sourcemap: true } } })
    expect(config.build?.sourcemap).toBe(true)
    expect(config.build?.outDir).toBe('dist')
  })
})
