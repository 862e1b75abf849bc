import { searchOrganization, usePlatformSession, type SearchResult } from '@ia/sdk'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import GlobalSearch from '../src/components/GlobalSearch.vue'
import { Blank, fakeModuleHost, mountInShell, organization } from './helpers'

vi.mock('@ia/sdk', async (importOriginal) => ({ ...(await importOriginal<typeof import('@ia/sdk')>()), searchOrganization: vi.fn() }))
const search = vi.mocked(searchOrganization)

const results: SearchResult[] = [
  { type: 'contacts.contact', moduleId: 'contacts', id: '1', title: 'Société Minière de Kolwezi', subtitle: 'contact@smk.cd', url: '/contacts/1' },
  { type: 'contacts.contact', moduleId: 'contacts', id: '2', title: 'Brasserie du Kivu', subtitle: null, url: '/contacts/2' },
  { type: 'invoicing.invoice', moduleId: 'invoicing', id: '7', title: 'Facture F-0007', subtitle: 'Kolwezi', url: '/invoicing/7' },
]

let wrapper: VueWrapper | undefined

async function mountSearch() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: Blank }] })
  const host = fakeModuleHost({ contacts: { fr: 'Contacts', en: 'Contacts' }, invoicing: { fr: 'Facturation', en: 'Invoicing' } })
  const mounted = await mountInShell(GlobalSearch, { router, host })
  usePlatformSession().currentOrganization = organization(10, 'Démo Kinshasa SARL')
  await flushPromises()
  wrapper = mounted.wrapper
  return { ...mounted, input: mounted.wrapper.get<HTMLInputElement>('input[role="combobox"]') }
}

/** Types into the box and lets the debounce run and the answer arrive. */
async function type(input: ReturnType<VueWrapper['get']>, text: string) {
  await input.setValue(text)
  await vi.advanceTimersByTimeAsync(200)
  await flushPromises()
}

const options = () => wrapper!.findAll('[role="option"]')

describe('GlobalSearch', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    search.mockReset()
    search.mockResolvedValue({ data: results })
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    vi.useRealTimers()
  })

  it('asks the SDK once typing pauses, then lists the results grouped by module', async () => {
    const { input } = await mountSearch()
    await input.setValue('k')
    await input.setValue('ko')
    await input.setValue('kol')
    expect(search).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(200)
    await flushPromises()

    expect(search).toHaveBeenCalledTimes(1)
    expect(search).toHaveBeenCalledWith('kol', expect.objectContaining({ signal: expect.any(AbortSignal) }))
    expect(input.attributes('aria-expanded')).toBe('true')
    expect(options().map((option) => option.find('.global-search__title').text())).toEqual([
      'Société Minière de Kolwezi',
      'Brasserie du Kivu',
      'Facture F-0007',
    ])
    expect(wrapper!.findAll('.global-search__group').map((group) => group.text())).toEqual(['Contacts', 'Facturation'])
    expect(wrapper!.get('[role="status"]').text()).toBe('3 résultats')
  })

  it('does not search under two characters, and says when nothing matches or the search failed', async () => {
    const { input } = await mountSearch()
    await type(input, 'k')
    expect(search).not.toHaveBeenCalled()

    search.mockResolvedValueOnce({ data: [] })
    await type(input, 'zzz')
    expect(wrapper!.text()).toContain('Aucun résultat pour « zzz ».')

    search.mockRejectedValueOnce(new Error('down'))
    await type(input, 'zzzz')
    expect(wrapper!.text()).toContain('La recherche n’a pas abouti. Réessayez.')
  })

  it('moves through the results with the arrow keys, wrapping around, and opens the active one with Enter', async () => {
    const { input, router } = await mountSearch()
    await type(input, 'kol')
    const activeTitle = () => wrapper!.get('[aria-selected="true"] .global-search__title').text()

    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(activeTitle()).toBe('Société Minière de Kolwezi')
    expect(input.attributes('aria-activedescendant')).toBe(options()[0]!.attributes('id'))
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(activeTitle()).toBe('Facture F-0007')
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(activeTitle()).toBe('Société Minière de Kolwezi')
    await input.trigger('keydown', { key: 'ArrowUp' })
    expect(activeTitle()).toBe('Facture F-0007')
    await input.trigger('keydown', { key: 'ArrowUp' })
    expect(activeTitle()).toBe('Brasserie du Kivu')

    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/contacts/2')
    expect(input.element.value).toBe('')
    expect(options()).toHaveLength(0)
  })

  it('opens a result on click', async () => {
    const { input, router } = await mountSearch()
    await type(input, 'kol')
    await options()[2]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/invoicing/7')
  })

  it('closes the list with Escape, then clears the box with a second Escape', async () => {
    const { input } = await mountSearch()
    await type(input, 'kol')
    await input.trigger('keydown', { key: 'Escape' })
    expect(input.attributes('aria-expanded')).toBe('false')
    expect(input.element.value).toBe('kol')
    await input.trigger('keydown', { key: 'Escape' })
    expect(input.element.value).toBe('')
  })

  it('jumps to the box on Ctrl+K and on "/" outside a text field', async () => {
    const { input } = await mountSearch()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }))
    await flushPromises()
    expect(document.activeElement).toBe(input.element)
    input.element.blur()
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }))
    await flushPromises()
    expect(document.activeElement).toBe(input.element)
  })

  describe('shortcut hint', () => {
    afterEach(() => {
      Reflect.deleteProperty(navigator, 'platform')
    })

    it('shows Ctrl K, translated, on other systems', async () => {
      Object.defineProperty(navigator, 'platform', { value: 'Linux x86_64', configurable: true })
      const { input } = await mountSearch()
      expect(wrapper!.get('kbd').text()).toBe('Ctrl K')
      expect(input.attributes('aria-keyshortcuts')).toBe('Control+K')
    })

    it('shows ⌘ K on macOS', async () => {
      Object.defineProperty(navigator, 'platform', { value: 'MacIntel', configurable: true })
      const { input } = await mountSearch()
      expect(wrapper!.get('kbd').text()).toBe('⌘ K')
      expect(input.attributes('aria-keyshortcuts')).toBe('Meta+K')
    })
  })
})
