import { configureSdk, type Organization } from '@ia/sdk'
import { install as installUi } from '@ia/ui'
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { vi } from 'vitest'
import { computed, defineComponent, type Component } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { applyLocale, i18n } from '../src/i18n'
import type { ModuleNavLink } from '../src/modules/manifest'
import { moduleHostKey, type ModuleHost } from '../src/modules/module-host'

/** Text with French typography's no-break spaces («\u00a0…\u00a0», "\u00a0:") made plain, to compare with readable literals. */
export const plain = (text: string | null | undefined) =>
  (text ?? '').replace(/[\u00a0\u202f]/g, ' ')

/** A page that renders nothing, for routes a test only navigates to. */
export const Blank = defineComponent({ name: 'Blank', render: () => null })

/** An organisation as the API returns it. */
export function organization(id: number | string, name: string): Organization {
  return {
    id: String(id),
    name,
    legalName: null,
    rccm: null,
    idNat: null,
    nif: null,
    address: null,
    city: null,
    country: null,
    phone: null,
    email: null,
    defaultCurrency: 'CDF',
    reportingCurrency: null,
    locale: 'fr',
    timeZone: 'Africa/Kinshasa',
    logoUrl: null,
    createdAt: '2025-01-01T00:00:00Z',
  }
}

/** The host's toasts, as spies. */
export function spyNotifier() {
  const notifier = { success: vi.fn(), info: vi.fn(), warning: vi.fn(), error: vi.fn() }
  configureSdk({ notifier })
  return notifier
}

/** A module host that knows the given modules' names (and navigation links) and loads nothing. */
export function fakeModuleHost(
  names: Record<string, { fr: string; en: string }> = {},
  navigation: ModuleNavLink[] = []
): ModuleHost {
  return {
    load: vi.fn(async () => {}),
    navigation: computed(() => navigation),
    module: (moduleId: string) =>
      names[moduleId] ? { manifest: { id: moduleId, name: names[moduleId] } } : undefined,
  } as unknown as ModuleHost
}

/**
 * Mounts a shell component the way the app runs it: Pinia, the shell's vue-i18n (French unless told),
 * the UI kit, a memory router and a module host; attached to the document so focus and teleports work.
 */
export async function mountInShell<C extends Component>(
  component: C,
  options: {
    locale?: 'fr' | 'en'
    router?: Router
    pinia?: Pinia
    host?: ModuleHost
    props?: ComponentMountingOptions<C>['props']
  } = {}
) {
  const pinia = options.pinia ?? createPinia()
  setActivePinia(pinia)
  applyLocale(options.locale ?? 'fr')
  const router =
    options.router ??
    createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:any(.*)*', component: Blank }],
    })
  await router.push('/')
  await router.isReady()
  const wrapper = mount(component as Component, {
    attachTo: document.body,
    props: options.props as never,
    global: {
      plugins: [pinia, i18n, router, { install: installUi }],
      provide: { [moduleHostKey as symbol]: options.host ?? fakeModuleHost() },
    },
  })
  return { wrapper, router, pinia }
}
