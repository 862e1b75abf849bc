import { usePlatformSession } from '@ia/sdk'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import SideNav from '../src/components/SideNav.vue'
import type { ModuleHost } from '../src/modules/module-host'
import { activeLinkPath } from '../src/router/active-link'
import { Blank, fakeModuleHost, mountInShell, organization } from './helpers'

describe('activeLinkPath', () => {
  const links = ['/', '/marketplace', '/marketplace/installed', '/contacts', '/settings/members']

  it('picks the longest link the current path is in', () => {
    expect(activeLinkPath(links, '/marketplace/installed')).toBe('/marketplace/installed')
    expect(activeLinkPath(links, '/marketplace/installed/')).toBe('/marketplace/installed')
    expect(activeLinkPath(links, '/marketplace/modules/acme-hello')).toBe('/marketplace')
    expect(activeLinkPath(links, '/marketplace')).toBe('/marketplace')
    expect(activeLinkPath(links, '/contacts/42/edit')).toBe('/contacts')
  })

  it('matches whole path segments only, and the root only itself', () => {
    expect(activeLinkPath(links, '/contactsbis')).toBeNull()
    expect(activeLinkPath(links, '/organizations/new')).toBeNull()
    expect(activeLinkPath(links, '/')).toBe('/')
  })
})

describe('SideNav', () => {
  let wrapper: VueWrapper | undefined
  afterEach(() => wrapper?.unmount())

  async function mountNav(path: string) {
    // The module's first page has an empty child path, as remotes declare it: vue-router's own
    // active rule lights its link on every page of the module.
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', name: 'home', component: Blank },
        { path: '/profile', name: 'profile', component: Blank },
        { path: '/settings/members', name: 'members', component: Blank },
        { path: '/settings/modules', name: 'modules', component: Blank },
        {
          path: '/marketplace',
          component: Blank,
          children: [
            { path: '', component: Blank },
            { path: 'installed', component: Blank },
            { path: 'modules/:moduleId', component: Blank },
          ],
        },
      ],
    })
    const host = {
      ...fakeModuleHost({}, [
        {
          moduleId: 'marketplace',
          path: '/marketplace',
          label: { fr: 'Place de marché', en: 'Marketplace' },
          icon: 'grid',
        },
        {
          moduleId: 'marketplace',
          path: '/marketplace/installed',
          label: { fr: 'Installés', en: 'Installed' },
          icon: 'grid',
        },
      ]),
      state: reactive({ status: 'ready' }),
    } as unknown as ModuleHost
    const mounted = await mountInShell(SideNav, { router, host })
    usePlatformSession().currentOrganization = organization(10, 'Démo Kinshasa SARL')
    await router.push(path)
    await flushPromises()
    wrapper = mounted.wrapper
    return mounted.wrapper
  }

  const active = (nav: VueWrapper) =>
    nav.findAll('.side-nav__link--active').map((link) => link.text())

  it('highlights only the closest link: Installed, not Marketplace too', async () => {
    expect(active(await mountNav('/marketplace/installed'))).toEqual(['Installés'])
  })

  it('highlights the module link on its other pages, and Home only at home', async () => {
    expect(active(await mountNav('/marketplace/modules/acme-hello'))).toEqual(['Place de marché'])
    wrapper!.unmount()
    expect(active(await mountNav('/'))).toEqual(['Accueil'])
    wrapper!.unmount()
    expect(active(await mountNav('/settings/members'))).toEqual(['Membres'])
  })
})
