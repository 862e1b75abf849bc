import type { PublicRemote } from '@ia/sdk'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { loadPublicPage, type PublicPageDeps } from '../src/modules/public-page'

const Page = defineComponent({ props: { token: String }, render: () => null })

const remote: PublicRemote = {
  id: 'invoicing',
  version: '0.1.0',
  name: { fr: 'Facturation', en: 'Invoicing' },
  remote: {
    name: 'invoicing',
    entry: '/remotes/invoicing/remoteEntry.js',
    integrity: { '/remotes/invoicing/remoteEntry.js': 'sha384-c' },
  },
}

function deps(exposes: Record<string, unknown>, calls: string[]): PublicPageDeps {
  return {
    fetchRemote: vi.fn(async () => remote),
    prepareIntegrity: vi.fn(async () => {
      calls.push('integrity')
    }),
    registerRemote: vi.fn(() => {
      calls.push('register')
    }),
    loadExpose: vi.fn(async (_name: string, expose: string) => {
      calls.push(`load:${expose}`)
      return exposes[expose]
    }),
    mergeMessages: vi.fn(),
  }
}

describe('public pages', () => {
  it("hands the remote's hashes to the service worker before loading anything, then merges its strings", async () => {
    const calls: string[] = []
    const wired = deps(
      {
        module: {
          default: {
            id: 'invoicing',
            routes: [],
            messages: { fr: { a: 'Bonjour' }, en: { a: 'Hello' } },
          },
        },
        PublicPage: { default: Page },
      },
      calls
    )
    const component = await loadPublicPage('invoicing', wired)
    expect(component).toBe(Page)
    expect(calls.slice(0, 2)).toEqual(['integrity', 'register'])
    expect(wired.prepareIntegrity).toHaveBeenCalledWith(remote.remote.integrity)
    expect(wired.mergeMessages).toHaveBeenCalledWith('fr', { a: 'Bonjour' })
    expect(wired.mergeMessages).toHaveBeenCalledWith('en', { a: 'Hello' })
  })

  it('fails when the remote has no public page or declares another module', async () => {
    const messages = { fr: {}, en: {} }
    await expect(
      loadPublicPage(
        'invoicing',
        deps({ module: { id: 'invoicing', routes: [], messages }, PublicPage: null }, [])
      )
    ).rejects.toThrow(/no \.\/PublicPage/)
    await expect(
      loadPublicPage(
        'invoicing',
        deps({ module: { id: 'contacts', routes: [], messages }, PublicPage: Page }, [])
      )
    ).rejects.toThrow(/declares the id "contacts"/)
  })

  it('loads nothing when the integrity check cannot be put in place', async () => {
    const wired = deps({}, [])
    wired.prepareIntegrity = vi.fn(async () => {
      throw new Error('no service worker')
    })
    await expect(loadPublicPage('invoicing', wired)).rejects.toThrow('no service worker')
    expect(wired.loadExpose).not.toHaveBeenCalled()
  })
})
