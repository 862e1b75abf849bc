import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { roleCan, useApi, usePlatformSession } from '../src/index'

const organization = (id: number, name: string) => ({
  id,
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
  reportingCurrency: 'USD',
  locale: 'fr',
  logoUrl: null,
  createdAt: '2025-01-01T00:00:00Z',
})

function respond(routes: Record<string, unknown>) {
  return vi.fn(async (url: string) => {
    const path = url.split('?')[0]
    if (path.endsWith('/auth/csrf')) return new Response(null, { status: 204 })
    if (!(path in routes))
      return new Response(JSON.stringify({ errors: [{ code: 'E_NOT_FOUND', message: '' }] }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      })
    return new Response(JSON.stringify(routes[path]), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  })
}

describe('roleCan', () => {
  it('gives owners and admins everything and members only read, create and update', () => {
    expect(roleCan('owner', 'contacts.contact.delete')).toBe(true)
    expect(roleCan('admin', 'platform.module.enable')).toBe(true)
    expect(roleCan('member', 'contacts.contact.read')).toBe(true)
    expect(roleCan('member', 'contacts.contact.create')).toBe(true)
    expect(roleCan('member', 'contacts.contact.update')).toBe(true)
    expect(roleCan('member', 'contacts.contact.delete')).toBe(false)
    expect(roleCan('member', 'contacts.contact.archive')).toBe(false)
    expect(roleCan(null, 'contacts.contact.read')).toBe(false)
  })
})

describe('usePlatformSession', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
  })

  it('treats a 401 from /auth/me as signed out', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ errors: [{ code: 'E_UNAUTHORIZED_ACCESS', message: 'x' }] }),
            { status: 401, headers: { 'content-type': 'application/json' } }
          )
      )
    )
    const session = usePlatformSession()
    await session.load()
    expect(session.loaded).toBe(true)
    expect(session.isAuthenticated).toBe(false)
  })

  it('restores the organisation used last time, then scopes useApi() and can() to it', async () => {
    const fetch = respond({
      '/api/v1/auth/me': {
        user: {
          id: 1,
          email: 'a@b.cd',
          fullName: 'Amani',
          locale: 'fr',
          emailVerified: true,
          createdAt: '',
        },
        organizations: [
          { id: 10, name: 'A', role: 'owner' },
          { id: 20, name: 'B', role: 'member' },
        ],
      },
      '/api/v1/orgs/20': { organization: organization(20, 'B'), role: 'member' },
      '/api/v1/orgs/20/contacts': { data: [] },
    })
    vi.stubGlobal('fetch', fetch)
    localStorage.setItem('ia.lastOrganizationId', '20')
    const session = usePlatformSession()
    await session.load()
    await expect(session.restoreOrganization()).resolves.toBe(true)
    expect(session.currentOrgId).toBe(20)
    expect(session.can('contacts.contact.update')).toBe(true)
    expect(session.can('contacts.contact.delete')).toBe(false)
    expect(session.isAdmin).toBe(false)

    const api = useApi()
    await api.get('/contacts', { query: { page: 1 } })
    expect(fetch.mock.calls.at(-1)![0]).toBe('/api/v1/orgs/20/contacts?page=1')
    expect(api.url('/contacts/export.csv', { kind: 'company', q: '' })).toBe(
      '/api/v1/orgs/20/contacts/export.csv?kind=company'
    )
  })

  it('refuses organisation calls before an organisation is selected', () => {
    expect(() => useApi().url('/contacts')).toThrow(/current organisation/)
  })
})
