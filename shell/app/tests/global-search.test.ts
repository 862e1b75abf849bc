import { searchOrganization, usePlatformSession, type SearchResult } from '@ia/sdk'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import GlobalSearch from '../src/components/GlobalSearch.vue'
import { Blank, fakeModuleHost, mountInShell, organization } from './helpers'

vi.mock('@ia/sdk', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@ia/sdk')>()),
  searchOrganization: vi.fn(),
}))
const search = vi.mocked(searchOrganization)

const results: SearchResult[] = [
  {
    type: 'contacts.contact',
    moduleId: 'contacts',
    id: '1',
    title: 'Société Minière de Kolwezi',
    subtitle: 'contact@smk.cd',
    url: '/contacts/1',
  },
  {
    type: 'invoicing.invoice',
    moduleId: 'invoicing',
    id: '7',
    title: 'Facture F-0007',
    subtitle: 'Kolwezi',
    url: '/invoicing/7',
  },
]

let wrapper: VueWrapper | undefined

async function mountSearch() {
  const names = [
    'home',
    'profile',
    'organization-settings',
    'members',
    'modules',
    'audit-log',
    'jobs',
  ]
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      ...names.map((name) => ({ path: `/${name === 'home' ? '' : name}`, name, component: Blank })),
      { path: '/:any(.*)*', component: Blank },
    ],
  })
  const host = fakeModuleHost(
    {
      contacts: { fr: 'Contacts', en: 'Contacts' },
      invoicing: { fr: 'Facturation', en: 'Invoicing' },
    },
    [
      {
        moduleId: 'contacts',
        path: '/contacts',
        label: { fr: 'Contacts', en: 'Contacts' },
        icon: 'users',
      },
    ]
  )
  const mounted = await mountInShell(GlobalSearch, { router, host })
  usePlatformSession().currentOrganization = organization(10, 'Démo Kinshasa SARL')
  await flushPromises()
  // The kit loads the palette's code on first render.
  await vi.dynamicImportSettled()
  await flushPromises()
  wrapper = mounted.wrapper
  return mounted
}

const input = () => document.querySelector<HTMLInputElement>('.ia-palette__input')!
const optionTexts = () =>
  [...document.querySelectorAll('[role="option"] .ia-palette__item-label')].map(
    (option) => option.textContent
  )

async function type(text: string) {
  input().value = text
  input().dispatchEvent(new Event('input'))
  await vi.advanceTimersByTimeAsync(200)
  await flushPromises()
}

describe('GlobalSearch', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    search.mockReset()
    search.mockResolvedValue({ data: results })
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  it('opens the command palette on Ctrl+K with every page the user may open', async () => {
    await mountSearch()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }))
    await flushPromises()
    expect(document.activeElement).toBe(input())
    expect(optionTexts()).toEqual(['Accueil', 'Contacts', 'Membres', 'Catalogue', 'Mon profil'])
    search.mockResolvedValueOnce({ data: [] })
    await type('memb')
    expect(optionTexts()).toEqual(['Membres'])
    expect(search).toHaveBeenCalledWith(
      'memb',
      expect.objectContaining({ signal: expect.any(AbortSignal) })
    )
  })

  it('finds records through the platform search, listed under their module, and opens one with the keyboard', async () => {
    const { router } = await mountSearch()
    await wrapper!.get('.global-search__launcher').trigger('click')
    await flushPromises()
    await type('kol')
    expect(search).toHaveBeenCalledTimes(1)
    expect(optionTexts()).toEqual(['Société Minière de Kolwezi', 'Facture F-0007'])
    expect(
      [...document.querySelectorAll('.ia-palette__group-label')].map((label) => label.textContent)
    ).toEqual(['Contacts', 'Facturation'])
    input().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    input().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    input().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/invoicing/7')
    expect(document.querySelector('.ia-palette')).toBeNull()
  })

  it('says when the search failed', async () => {
    await mountSearch()
    await wrapper!.get('.global-search__launcher').trigger('click')
    await flushPromises()
    search.mockRejectedValueOnce(new Error('down'))
    await type('zzzz')
    expect(document.querySelector('.ia-palette')!.textContent).toContain('La recherche a échoué.')
  })

  describe('shortcut hint', () => {
    afterEach(() => {
      Reflect.deleteProperty(navigator, 'platform')
    })

    it('shows Ctrl K, translated, on other systems', async () => {
      Object.defineProperty(navigator, 'platform', { value: 'Linux x86_64', configurable: true })
      await mountSearch()
      expect(wrapper!.get('kbd').text()).toBe('Ctrl K')
      expect(wrapper!.get('button').attributes('aria-keyshortcuts')).toBe('Control+K')
    })

    it('shows ⌘ K on macOS', async () => {
      Object.defineProperty(navigator, 'platform', { value: 'MacIntel', configurable: true })
      await mountSearch()
      expect(wrapper!.get('kbd').text()).toBe('⌘ K')
      expect(wrapper!.get('button').attributes('aria-keyshortcuts')).toBe('Meta+K')
    })
  })
})
