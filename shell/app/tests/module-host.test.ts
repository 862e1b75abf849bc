import { roleCan, type Role, type ShellManifest } from '@ia/sdk'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import {
  allowedRoutes,
  guardLazyComponents,
  integrityMapOf,
  navigationOf,
  toRemoteModule,
} from '../src/modules/manifest'
import { createModuleHost, type ModuleHostDeps } from '../src/modules/module-host'

const Page = defineComponent({ render: () => null })
const Outlet = defineComponent({ props: { moduleId: String }, render: () => null })
const Frame = defineComponent({ props: { moduleId: String }, render: () => null })

const manifest: ShellManifest = {
  modules: [
    {
      id: 'contacts',
      version: '0.1.0',
      name: { fr: 'Contacts', en: 'Contacts' },
      remote: {
        name: 'contacts',
        entry: '/remotes/contacts/remoteEntry.js',
        integrity: {
          '/remotes/contacts/remoteEntry.js': 'sha384-a',
          '/remotes/contacts/assets/x.js': 'sha384-b',
        },
      },
      routeBase: '/contacts',
      trust: 'first-party',
      signedHashList: null,
      navigation: [
        {
          path: '/contacts',
          label: { fr: 'Contacts', en: 'Contacts' },
          icon: 'users',
          permission: 'contacts.contact.read',
        },
        {
          path: '/contacts/import',
          label: { fr: 'Importer', en: 'Import' },
          permission: 'contacts.contact.import',
        },
      ],
    },
    {
      id: 'invoicing',
      version: '0.2.0',
      name: { fr: 'Facturation', en: 'Invoicing' },
      remote: {
        name: 'invoicing',
        entry: '/remotes/invoicing/remoteEntry.js',
        integrity: { '/remotes/invoicing/remoteEntry.js': 'sha384-c' },
      },
      routeBase: '/invoicing/',
      trust: 'first-party',
      signedHashList: null,
      navigation: [
        { path: '/invoicing', label: { fr: 'Factures', en: 'Invoices' }, icon: 'receipt' },
      ],
    },
  ],
}

const contactsModule = {
  default: {
    id: 'contacts',
    routes: [
      {
        path: '',
        name: 'contacts-list',
        component: Page,
        meta: { permission: 'contacts.contact.read' },
      },
      {
        path: '/import',
        name: 'contacts-import',
        component: Page,
        meta: { permission: 'contacts.contact.import' },
      },
      {
        path: ':contactId',
        name: 'contacts-show',
        component: Page,
        meta: { permission: 'contacts.contact.read' },
      },
    ],
    messages: { fr: { contacts: { title: 'Contacts' } }, en: { contacts: { title: 'Contacts' } } },
  },
}

function setup(role: Role, overrides: Partial<ModuleHostDeps> = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      {
        path: '/',
        name: 'app',
        component: Page,
        children: [{ path: ':pathMatch(.*)*', name: 'not-found', component: Page }],
      },
    ],
  })
  const steps: string[] = []
  const deps: ModuleHostDeps = {
    router,
    parentRoute: 'app',
    outlet: Outlet,
    frame: Frame,
    chunkError: () => Page,
    can: (permission) => roleCan(role, permission),
    fetchManifest: vi.fn(async () => manifest),
    prepareIntegrity: vi.fn(async () => void steps.push('integrity')),
    registerRemote: vi.fn((remote) => void steps.push(`register:${remote.name}`)),
    loadRemoteModule: vi.fn(async (name: string) => {
      steps.push(`load:${name}`)
      if (name === 'contacts') return contactsModule
      throw new Error('RUNTIME-008: failed to fetch /remotes/invoicing/remoteEntry.js')
    }),
    mergeMessages: vi.fn(),
    ...overrides,
  }
  return { router, deps, steps, host: createModuleHost(deps) }
}

describe('manifest helpers', () => {
  it('collects every module file hash into one map', () => {
    expect(Object.keys(integrityMapOf(manifest))).toEqual([
      '/remotes/contacts/remoteEntry.js',
      '/remotes/contacts/assets/x.js',
      '/remotes/invoicing/remoteEntry.js',
    ])
  })

  it('builds the navigation, hiding links whose permission the role lacks', () => {
    const member = navigationOf(manifest.modules, (permission) => roleCan('member', permission))
    expect(member.map((link) => link.path)).toEqual(['/contacts', '/invoicing'])
    expect(member[1]).toMatchObject({
      moduleId: 'invoicing',
      icon: 'receipt',
      label: { en: 'Invoices' },
    })
    const admin = navigationOf(manifest.modules, (permission) => roleCan('admin', permission))
    expect(admin.map((link) => link.path)).toEqual(['/contacts', '/contacts/import', '/invoicing'])
    expect(admin[1]!.icon).toBe('grid')
  })

  it('filters routes and their children by permission and makes their paths relative', () => {
    const routes: RouteRecordRaw[] = [
      {
        path: '/list',
        component: Page,
        meta: { permission: 'x.item.read' },
        children: [{ path: 'purge', component: Page, meta: { permission: 'x.item.delete' } }],
      },
      { path: 'settings', component: Page, meta: { permission: 'x.settings.configure' } },
    ]
    const allowed = allowedRoutes(routes, (permission) => roleCan('member', permission))
    expect(allowed).toHaveLength(1)
    expect(allowed[0]!.path).toBe('list')
    expect(allowed[0]!.children).toEqual([])
  })

  it('turns a lazy page whose chunk is blocked into the fallback, leaving real components alone', async () => {
    const Fallback = defineComponent({ render: () => null })
    const blocked = () =>
      Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
    const [lazy, eager] = guardLazyComponents(
      [
        { path: 'a', component: blocked },
        { path: 'b', component: Page },
      ],
      () => Fallback
    )
    await expect((lazy as { component: () => Promise<unknown> }).component()).resolves.toBe(
      Fallback
    )
    expect((eager as { component: unknown }).component).toBe(Page)
  })

  it('rejects a remote whose export does not follow the contract', () => {
    expect(() =>
      toRemoteModule(
        { default: { id: 'other', routes: [], messages: { fr: {}, en: {} } } },
        'contacts'
      )
    ).toThrow(/declares the id "other"/)
    expect(() =>
      toRemoteModule({ default: { id: 'contacts', routes: [], messages: { fr: {} } } }, 'contacts')
    ).toThrow(/fr and en/)
    expect(toRemoteModule(contactsModule, 'contacts').id).toBe('contacts')
  })
})

describe('module host', () => {
  it('sends the hashes to the service worker before registering or loading any remote', async () => {
    const { host, steps } = setup('owner')
    await host.load('1')
    expect(steps[0]).toBe('integrity')
    expect(steps.slice(1).sort()).toEqual([
      'load:contacts',
      'load:invoicing',
      'register:contacts',
      'register:invoicing',
    ])
  })

  it('adds a working module under its routeBase with only the routes the role allows, and merges its messages', async () => {
    const { host, router, deps } = setup('member')
    await host.load('1')
    expect(router.resolve('/contacts').name).toBe('contacts-list')
    expect(router.resolve('/contacts/42').name).toBe('contacts-show')
    expect(router.resolve('/contacts/42').matched[1]!.meta.moduleId).toBe('contacts')
    expect(router.hasRoute('contacts-import')).toBe(false)
    expect(deps.mergeMessages).toHaveBeenCalledWith('fr', { contacts: { title: 'Contacts' } })
    expect(host.module('contacts')!.status).toBe('ready')
  })

  it('keeps a failed module in the navigation and routes its whole area to the outlet that shows the error', async () => {
    const { host, router } = setup('owner')
    await host.load('1')
    const entry = host.module('invoicing')!
    expect(entry.status).toBe('failed')
    expect(String(entry.error)).toContain('RUNTIME-008')
    expect(
      router.resolve('/invoicing/anything/deep').matched.map((record) => record.name)
    ).toContain('module:invoicing')
    expect(host.navigation.value.map((link) => link.moduleId)).toContain('invoicing')
    expect(host.state.status).toBe('ready')
  })

  it('never loads a sandboxed vendor module in the page: its whole area goes to its frame', async () => {
    const vendor = {
      id: 'acme-hello',
      version: '1.0.0',
      name: { fr: 'Bonjour', en: 'Hello' },
      remote: {
        name: 'acme_hello',
        entry: '/marketplace/files/acme-hello/1.0.0/remoteEntry.js',
        integrity: { '/marketplace/files/acme-hello/1.0.0/remoteEntry.js': 'sha384-d' },
      },
      routeBase: '/acme-hello',
      trust: 'sandboxed' as const,
      signedHashList: '/marketplace/signatures/acme-hello/1.0.0',
      navigation: [{ path: '/acme-hello', label: { fr: 'Bonjour', en: 'Hello' } }],
    }
    const { host, router, steps } = setup('owner', {
      fetchManifest: vi.fn(async () => ({ modules: [...manifest.modules, vendor] })),
    })
    await host.load('1')
    expect(steps).not.toContain('register:acme_hello')
    expect(steps).not.toContain('load:acme_hello')
    expect(host.module('acme-hello')!.status).toBe('ready')
    const matched = router.resolve('/acme-hello/reports/2024').matched
    expect(matched.map((record) => record.name)).toContain('module:acme-hello')
    expect(matched.find((record) => record.name === 'module:acme-hello')!.components!.default).toBe(
      Frame
    )
    expect(host.navigation.value.map((link) => link.path)).toContain('/acme-hello')
  })

  it('loads no remote at all when the service worker cannot enforce the hashes', async () => {
    const { host, deps, router } = setup('owner', {
      prepareIntegrity: vi.fn(async () => Promise.reject(new Error('no service worker'))),
    })
    await host.load('1')
    expect(deps.registerRemote).not.toHaveBeenCalled()
    expect(deps.loadRemoteModule).not.toHaveBeenCalled()
    expect(host.state.modules.every((entry) => entry.status === 'failed')).toBe(true)
    expect(router.resolve('/contacts').matched.map((record) => record.name)).toContain(
      'module:contacts'
    )
  })

  it('re-reads the manifest and replaces the routes when the organisation changes', async () => {
    const fetchManifest = vi.fn(async (orgId: string | number) =>
      orgId === 1 ? manifest : { modules: [] }
    )
    const { host, router } = setup('owner', { fetchManifest })
    await host.load('1')
    await host.load('1')
    expect(fetchManifest).toHaveBeenCalledTimes(1)
    await host.load('2')
    expect(fetchManifest).toHaveBeenCalledTimes(2)
    expect(router.hasRoute('module:contacts')).toBe(false)
    expect(router.resolve('/contacts').name).toBe('not-found')
    expect(host.navigation.value).toEqual([])
  })

  it('refreshes to the new manifest without reloading the modules that did not change', async () => {
    const contacts = manifest.modules[0]!
    const vendor = {
      id: 'acme-hello',
      version: '1.0.0',
      name: { fr: 'Bonjour', en: 'Hello' },
      remote: {
        name: 'acme_hello',
        entry: '/marketplace/files/acme-hello/1.0.0/remoteEntry.js',
        integrity: { '/marketplace/files/acme-hello/1.0.0/remoteEntry.js': 'sha384-d' },
      },
      routeBase: '/acme-hello',
      trust: 'sandboxed' as const,
      signedHashList: '/marketplace/signatures/acme-hello/1.0.0',
      navigation: [{ path: '/acme-hello', label: { fr: 'Bonjour', en: 'Hello' } }],
    }
    let current: ShellManifest = { modules: [contacts] }
    const { host, router, deps } = setup('owner', { fetchManifest: vi.fn(async () => current) })
    await host.load('1')
    const contactsEntry = host.module('contacts')
    const contactsRoute = router.resolve('/contacts').matched.at(-1)
    const paths = () => host.navigation.value.map((link) => link.path)

    current = { modules: [contacts, vendor] }
    const seen: string[][] = []
    const stop = setInterval(() => seen.push(paths()), 0)
    await host.refresh()
    clearInterval(stop)
    expect(paths()).toEqual(['/contacts', '/contacts/import', '/acme-hello'])
    expect(seen.every((links) => links.includes('/contacts'))).toBe(true)
    expect(router.resolve('/acme-hello').matched.map((record) => record.name)).toContain(
      'module:acme-hello'
    )
    expect(deps.loadRemoteModule).toHaveBeenCalledTimes(1)
    expect(host.module('contacts')).toBe(contactsEntry)
    expect(router.resolve('/contacts').matched.at(-1)).toBe(contactsRoute)
    expect(deps.prepareIntegrity).toHaveBeenLastCalledWith(integrityMapOf(current))

    current = { modules: [contacts] }
    await host.refresh()
    expect(paths()).toEqual(['/contacts', '/contacts/import'])
    expect(router.hasRoute('module:acme-hello')).toBe(false)
    expect(router.resolve('/acme-hello').name).toBe('not-found')
    expect(deps.fetchManifest).toHaveBeenCalledTimes(3)
  })

  it('makes load() wait for a refresh, so that a link to a new module finds its routes', async () => {
    const contacts = manifest.modules[0]!
    let current: ShellManifest = { modules: [] }
    const { host, router } = setup('owner', { fetchManifest: vi.fn(async () => current) })
    await host.load('1')
    current = { modules: [contacts] }
    const refreshed = host.refresh()
    await host.load('1')
    expect(router.resolve('/contacts').matched.map((record) => record.name)).toContain(
      'module:contacts'
    )
    await refreshed
  })

  it('loads a module again when its version changed', async () => {
    let current: ShellManifest = { modules: [manifest.modules[0]!] }
    const { host, deps } = setup('owner', { fetchManifest: vi.fn(async () => current) })
    await host.load('1')
    const upgraded = {
      ...manifest.modules[0]!,
      version: '0.2.0',
      remote: { ...manifest.modules[0]!.remote, entry: '/remotes/contacts/v2/remoteEntry.js' },
    }
    current = { modules: [upgraded] }
    await host.refresh()
    expect(deps.registerRemote).toHaveBeenLastCalledWith({
      name: 'contacts',
      entry: '/remotes/contacts/v2/remoteEntry.js',
    })
    expect(deps.loadRemoteModule).toHaveBeenCalledTimes(2)
    expect(host.module('contacts')!.manifest.version).toBe('0.2.0')
    expect(host.module('contacts')!.status).toBe('ready')
  })

  it('refreshes by loading everything when the manifest had not been read', async () => {
    const fetchManifest = vi
      .fn<ModuleHostDeps['fetchManifest']>()
      .mockRejectedValueOnce(new Error('503'))
      .mockResolvedValue({ modules: [manifest.modules[0]!] })
    const { host } = setup('owner', { fetchManifest })
    await host.load('1')
    expect(host.state.status).toBe('failed')
    await host.refresh()
    expect(host.state.status).toBe('ready')
    expect(host.navigation.value.map((link) => link.path)).toEqual([
      '/contacts',
      '/contacts/import',
    ])
  })

  it('reports a manifest that cannot be read without adding anything', async () => {
    const { host, router } = setup('owner', {
      fetchManifest: vi.fn(async () => Promise.reject(new Error('503'))),
    })
    await host.load('1')
    expect(host.state.status).toBe('failed')
    expect(router.getRoutes().some((route) => String(route.name).startsWith('module:'))).toBe(false)
  })
})
