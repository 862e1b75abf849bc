import { uiMessages } from '@ia/ui'
import { flushPromises, mount } from '@vue/test-utils'
import { vi } from 'vitest'
import type { Component } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import en from '../src/locales/en.json'
import fr from '../src/locales/fr.json'
import { routes } from '../src/routes'
import type {
  CatalogueModule,
  CatalogueModulePage,
  Install,
  ModuleVersion,
  Vendor,
} from '../src/types'

export { signedInOrganization } from '@ia/sdk/testing'

/** One request the page sent. */
export interface SentRequest {
  url: string
  method: string
  body: unknown
}

/** What the fake server answers: a JSON body, with a status other than 200 when given. */
export type Reply = { status?: number; body?: unknown }

/**
 * Replaces fetch with a server answering `handle(request)` (404 when it answers nothing) and records
 * every request, JSON bodies parsed.
 */
export function stubServer(handle: (request: SentRequest) => Reply | undefined): SentRequest[] {
  const sent: SentRequest[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url.endsWith('/auth/csrf')) return new Response(null, { status: 204 })
      const request: SentRequest = {
        url,
        method: init.method ?? 'GET',
        body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      }
      sent.push(request)
      const reply = handle(request) ?? {
        status: 404,
        body: { errors: [{ code: 'E_NOT_FOUND', message: '' }] },
      }
      const status = reply.status ?? 200
      return new Response(status === 204 ? null : JSON.stringify(reply.body ?? {}), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    })
  )
  return sent
}

/** A 422 naming fields, as the API answers a refused input. */
export function refused(
  ...errors: Array<{ field?: string; message: string; code?: string }>
): Reply {
  return {
    status: 422,
    body: { errors: errors.map((error) => ({ code: error.code ?? 'E_VALIDATION', ...error })) },
  }
}

/** Mounts a marketplace page under its route (with the module's routes), in `locale`, once its first requests are answered. */
export async function mountRoute(component: Component, path: string, locale: 'fr' | 'en' = 'fr') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/marketplace', children: routes }],
  })
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'fr',
    missingWarn: false,
    fallbackWarn: false,
    messages: { fr: { ...fr, ...uiMessages.fr }, en: { ...en, ...uiMessages.en } },
  })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component, {
    props: router.currentRoute.value.params,
    global: { plugins: [router, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router }
}

/** Waits for the async components (dialogs, selects) and the requests in flight. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

/** A module of the catalogue. */
export function catalogueModule(overrides: Partial<CatalogueModule> = {}): CatalogueModule {
  return {
    moduleId: 'acme-timesheets',
    name: { fr: 'Feuilles de temps', en: 'Timesheets' },
    description: { fr: 'Saisie des heures par projet.', en: 'Hours per project.' },
    category: 'productivity',
    vendor: { name: 'Acme Logiciels', audited: false },
    latestVersion: { id: 'v-110', version: '1.1.0', scopes: ['contacts:read'] },
    icon: '/marketplace/files/acme-timesheets/1.1.0/icon.svg',
    installs: 3,
    installed: null,
    ...overrides,
  }
}

/** A module's catalogue page. */
export function modulePage(overrides: Partial<CatalogueModulePage> = {}): CatalogueModulePage {
  return {
    ...catalogueModule(),
    screenshots: ['/marketplace/files/acme-timesheets/1.1.0/screenshots/home.png'],
    scopes: [{ scope: 'contacts:read', description: 'Voir vos clients et fournisseurs.' }],
    hosts: ['api.timesheets.example'],
    webhookEvents: ['contacts.contact.created'],
    versions: [
      {
        id: 'v-110',
        version: '1.1.0',
        changelog: { fr: 'Export PDF.', en: 'PDF export.' },
        scopes: ['contacts:read'],
        createdAt: '2026-11-02T10:00:00.000Z',
      },
    ],
    ...overrides,
  }
}

/** An install pinned to 1.0.0. */
export function install(overrides: Partial<Install> = {}): Install {
  return {
    id: 'inst-1',
    moduleId: 'acme-timesheets',
    versionId: 'v-100',
    version: '1.0.0',
    scopes: ['contacts:read'],
    enabled: true,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  }
}

/** An uploaded version. */
export function moduleVersion(overrides: Partial<ModuleVersion> = {}): ModuleVersion {
  return {
    id: 'v-110',
    moduleId: 'acme-timesheets',
    version: '1.1.0',
    status: 'submitted',
    reviewReason: null,
    reviewedAt: null,
    scopes: ['contacts:read'],
    changelog: { fr: 'Export PDF.', en: 'PDF export.' },
    files: [
      { path: 'module.json', hash: 'sha384-a', size: 900 },
      { path: 'remoteEntry.js', hash: 'sha384-b', size: 7000 },
    ],
    archiveSize: 4096,
    rolloutPercent: 100,
    rolloutOrganizations: [],
    withdrawnAt: null,
    createdAt: '2026-11-02T10:00:00.000Z',
    ...overrides,
  }
}

/** A vendor profile. */
export function vendor(overrides: Partial<Vendor> = {}): Vendor {
  return {
    id: 'vendor-1',
    name: 'Acme Logiciels',
    prefix: 'acme',
    email: 'contact@acme.example',
    website: null,
    status: 'approved',
    audited: false,
    reviewReason: null,
    reviewedAt: '2026-11-01T09:00:00.000Z',
    createdAt: '2026-11-01T08:00:00.000Z',
    keys: [],
    ...overrides,
  }
}
