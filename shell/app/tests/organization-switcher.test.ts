import { usePlatformSession } from '@ia/sdk'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import OrganizationSwitcher from '../src/components/OrganizationSwitcher.vue'
import { Blank, fakeModuleHost, mountInShell, organization, plain } from './helpers'

let wrapper: VueWrapper | undefined

async function mountSwitcher(locale: 'fr' | 'en' = 'fr') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/organizations/new', name: 'create-organization', component: Blank },
      { path: '/profile', name: 'profile', component: Blank },
    ],
  })
  const host = fakeModuleHost()
  const mounted = await mountInShell(OrganizationSwitcher, { router, host, locale })
  const session = usePlatformSession()
  session.organizations = [
    { id: '10', name: 'Démo Kinshasa SARL', role: 'owner' },
    { id: '20', name: 'Brasserie du Kivu', role: 'member' },
  ]
  session.currentOrganization = organization(10, 'Démo Kinshasa SARL')
  session.selectOrganization = vi.fn(async (id) => {
    session.currentOrganization = organization(Number(id), 'Brasserie du Kivu')
  })
  await flushPromises()
  wrapper = mounted.wrapper
  return { ...mounted, host, session, button: mounted.wrapper.get('button[aria-haspopup="menu"]') }
}

const menu = () => wrapper!.find('[role="menu"]')
const items = () => wrapper!.findAll('[role^="menuitem"]')

describe('OrganizationSwitcher', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('names the current organisation and lists every one with the user’s role, then “New organisation”', async () => {
    const { button } = await mountSwitcher()
    expect(button.text()).toContain('Démo Kinshasa SARL')
    expect(plain(button.attributes('aria-label'))).toBe(
      'Organisation courante : Démo Kinshasa SARL'
    )
    expect(button.attributes('aria-expanded')).toBe('false')
    await button.trigger('click')
    expect(button.attributes('aria-expanded')).toBe('true')
    expect(items().map((item) => item.text())).toEqual([
      'Démo Kinshasa SARL, Propriétaire',
      'Brasserie du Kivu, Membre',
      'Nouvelle organisation',
    ])
    expect(items()[0]!.attributes('aria-checked')).toBe('true')
    expect(document.activeElement).toBe(items()[0]!.element)
  })

  it('leads to the organisation form from “New organisation”', async () => {
    const { button, router } = await mountSwitcher()
    await button.trigger('click')
    await items()[2]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('create-organization')
    expect(menu().exists()).toBe(false)
  })

  it('switches to another organisation and goes home', async () => {
    const { button, router, session, host } = await mountSwitcher()
    await router.push('/profile')
    await button.trigger('click')
    await items()[1]!.trigger('click')
    await flushPromises()
    expect(session.selectOrganization).toHaveBeenCalledWith('20')
    expect(host.load).toHaveBeenCalledWith('20')
    expect(router.currentRoute.value.name).toBe('home')
  })

  it('moves with the arrow keys and closes with Escape, back on the button', async () => {
    const { button } = await mountSwitcher()
    await button.trigger('keydown', { key: 'ArrowDown' })
    await flushPromises()
    expect(document.activeElement).toBe(items()[0]!.element)
    await menu().trigger('keydown', { key: 'ArrowUp' })
    expect(document.activeElement).toBe(items()[2]!.element)
    await menu().trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(items()[0]!.element)
    await menu().trigger('keydown', { key: 'End' })
    expect(document.activeElement).toBe(items()[2]!.element)
    await menu().trigger('keydown', { key: 'Escape' })
    expect(menu().exists()).toBe(false)
    expect(document.activeElement).toBe(button.element)
  })

  it('closes on a click elsewhere', async () => {
    const { button } = await mountSwitcher()
    await button.trigger('click')
    document.body.click()
    await flushPromises()
    expect(menu().exists()).toBe(false)
  })

  it('speaks English', async () => {
    const { button } = await mountSwitcher('en')
    await button.trigger('click')
    expect(items()[2]!.text()).toBe('New organisation')
    expect(wrapper!.text()).toContain('Your organisations')
  })
})
