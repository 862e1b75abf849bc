import { usePlatformSession, type Organization } from '@ia/sdk'
import { createPinia, setActivePinia } from 'pinia'
import { vi } from 'vitest'
import type { Contact, ContactImport } from '../src/types'

/** One recorded fetch call. */
export interface FetchCall {
  url: string
  method: string
  body: BodyInit | null | undefined
}

/** Replaces fetch with one that answers `respond(url, method)` as JSON and records every call. */
export function stubFetch(respond: (url: string, method: string) => unknown = () => ({})): FetchCall[] {
  const calls: FetchCall[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET'
      calls.push({ url, method, body: init.body })
      if (url.endsWith('/auth/csrf')) return new Response(null, { status: 204 })
      return new Response(JSON.stringify(respond(url, method)), { status: 200, headers: { 'content-type': 'application/json' } })
    })
  )
  return calls
}

/** A fresh Pinia with organisation 42 selected, as the shell leaves it before loading a remote. */
export function signedInOrganization(id = 42) {
  setActivePinia(createPinia())
  const session = usePlatformSession()
  session.currentOrganization = { id, name: 'Kin Marché' } as Organization
  session.role = 'member'
  return session
}

/** A contact as the API returns it. */
export function contactFixture(overrides: Partial<Contact> = {}): Contact {
  return {
    id: '7',
    kind: 'company',
    name: 'Brasserie du Fleuve',
    isCustomer: true,
    isSupplier: false,
    email: 'achats@fleuve.cd',
    phone: '+243812345678',
    address: '12 avenue du Commerce',
    city: 'Kinshasa',
    country: 'CD',
    rccm: 'CD/KNG/RCCM/24-B-01234',
    idNat: '01-A1234-N56789P',
    nif: 'A1234567B',
    preferredCurrency: 'USD',
    preferredLocale: 'fr',
    tags: ['grossiste', 'boissons'],
    notes: null,
    archivedAt: null,
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-02T10:00:00.000Z',
    ...overrides,
  }
}

/** An import as the API returns it, queued by default. */
export function importFixture(overrides: Partial<ContactImport> = {}): ContactImport {
  return {
    id: 'imp-1',
    jobId: 'job-1',
    status: 'queued',
    fileName: 'clients.csv',
    rows: 4,
    imported: null,
    skipped: null,
    errors: [],
    error: null,
    createdAt: '2025-03-01T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  }
}
