/*
 * Test helpers for the shell's and the remotes' Vitest suites (`@ia/sdk/testing`): the API answered
 * from a function instead of the network, and the session as the shell leaves it before loading a remote.
 */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { vi } from 'vitest'
import type { Component } from 'vue'
import { createI18n } from 'vue-i18n'
import en from './locales/en.json'
import fr from './locales/fr.json'
import type { RemoteModule } from './remote'
import { usePlatformSession } from './session'
import type { Locale, Organization, Role } from './types'

/** One recorded fetch call. */
export interface FetchCall {
  url: string
  method: string
  body: BodyInit | null | undefined
}

/** Replaces fetch (until `vi.unstubAllGlobals()`) with one that answers `respond(url, method)` as JSON and records every call. */
export function stubFetch(
  respond: (url: string, method: string) => unknown = () => ({})
): FetchCall[] {
  const calls: FetchCall[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET'
      calls.push({ url, method, body: init.body })
      if (url.endsWith('/auth/csrf')) return new Response(null, { status: 204 })
      return new Response(JSON.stringify(respond(url, method)), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    })
  )
  return calls
}

/** A fresh Pinia with organisation `id` selected and the given role, as the shell leaves it before loading a remote. */
export function signedInOrganization(id: number | string = 42, role: Role = 'member') {
  setActivePinia(createPinia())
  const session = usePlatformSession()
  session.currentOrganization = { id: String(id), name: 'Kin Marché' } as Organization
  session.role = role
  return session
}

/** Mounts a remote's page as the shell shows it, with its module's strings and the SDK's in `locale`, once its first requests are answered. */
export async function mountPage(page: Component, module: RemoteModule, locale: Locale = 'fr') {
  const messages = { fr: { ...module.messages.fr, ...fr }, en: { ...module.messages.en, ...en } }
  const wrapper = mount(page, {
    global: { plugins: [createI18n({ legacy: false, locale, fallbackLocale: 'fr', messages })] },
  })
  await flushPromises()
  return wrapper
}
