import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Router } from 'vue-router'
import { createShellRouter, installGuards } from '../src/router'
import { Blank, fakeModuleHost, organization } from './helpers'

type Routes = Record<string, unknown>

const user = {
  id: 1,
  email: 'amani@example.cd',
  fullName: 'Amani Kabila',
  locale: 'fr',
  emailVerified: true,
  createdAt: '2025-01-01T00:00:00Z',
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** Answers the API calls the guards make from `routes` (path → body); anything else is 404. */
function backend(routes: Routes) {
  const fetch = vi.fn(async (url: string) => {
    const path = String(url).split('?')[0]!
    if (!(path in routes)) return json(404, { errors: [{ code: 'E_NOT_FOUND', message: '' }] })
    const answer = routes[path]
    return answer instanceof Response ? answer : json(200, answer)
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

const signedOut = () =>
  backend({
    '/api/v1/auth/me': json(401, {
      errors: [{ code: 'E_UNAUTHORIZED_ACCESS', message: 'Non connecté.' }],
    }),
  })
const signedIn = (organizations: { id: number; name: string; role: string }[], role = 'owner') =>
  backend({
    '/api/v1/auth/me': { user, organizations },
    ...Object.fromEntries(
      organizations.map((org) => [
        `/api/v1/orgs/${org.id}`,
        { organization: organization(org.id, org.name), role },
      ])
    ),
  })

function setup(host = fakeModuleHost()) {
  setActivePinia(createPinia())
  const router = createShellRouter()
  installGuards(router, host)
  return { router, host }
}

async function land(router: Router, path: string) {
  await router.push(path)
  return { name: router.currentRoute.value.name, query: router.currentRoute.value.query }
}

describe('router guards', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => vi.unstubAllGlobals())

  describe('signed out', () => {
    it('sends every private page to sign-in, remembering where the user was going', async () => {
      signedOut()
      const { router } = setup()
      expect(await land(router, '/settings/members?tab=invitations')).toEqual({
        name: 'sign-in',
        query: { redirect: '/settings/members?tab=invitations' },
      })
      expect(await land(router, '/profile')).toEqual({
        name: 'sign-in',
        query: { redirect: '/profile' },
      })
      expect(await land(router, '/organizations/new')).toEqual({
        name: 'sign-in',
        query: { redirect: '/organizations/new' },
      })
    })

    it('sends the home page to sign-in without a redirect', async () => {
      signedOut()
      const { router } = setup()
      expect(await land(router, '/')).toEqual({ name: 'sign-in', query: {} })
    })

    it('lets public pages through', async () => {
      signedOut()
      const { router } = setup()
      expect((await land(router, '/sign-up')).name).toBe('sign-up')
      expect((await land(router, '/forgot-password')).name).toBe('forgot-password')
      expect((await land(router, '/invitations/abc')).name).toBe('invitation')
    })
  })

  describe('signed in without an organisation', () => {
    it('sends organisation pages to create-organization', async () => {
      signedIn([])
      const { router, host } = setup()
      expect((await land(router, '/')).name).toBe('create-organization')
      expect((await land(router, '/settings/members')).name).toBe('create-organization')
      expect(host.load).not.toHaveBeenCalled()
    })

    it('still opens the profile and the organisation form', async () => {
      signedIn([])
      const { router } = setup()
      expect((await land(router, '/profile')).name).toBe('profile')
      expect((await land(router, '/organizations/new')).name).toBe('create-organization')
    })
  })

  describe('signed in with organisations', () => {
    it('restores the organisation used last time and loads its modules', async () => {
      const fetch = signedIn([
        { id: 10, name: 'A', role: 'owner' },
        { id: 20, name: 'B', role: 'owner' },
      ])
      localStorage.setItem('ia.lastOrganizationId', '20')
      const { router, host } = setup()
      expect((await land(router, '/')).name).toBe('home')
      expect(fetch).toHaveBeenCalledWith('/api/v1/orgs/20', expect.anything())
      expect(host.load).toHaveBeenCalledWith('20')
    })

    it('sends sign-in and sign-up back home', async () => {
      signedIn([{ id: 10, name: 'A', role: 'owner' }])
      const { router } = setup()
      expect((await land(router, '/sign-in')).name).toBe('home')
      expect((await land(router, '/sign-up')).name).toBe('home')
    })

    it('opens the form for another organisation', async () => {
      signedIn([{ id: 10, name: 'A', role: 'owner' }])
      const { router } = setup()
      expect((await land(router, '/organizations/new')).name).toBe('create-organization')
    })

    it('keeps members out of admin pages', async () => {
      signedIn([{ id: 10, name: 'A', role: 'member' }], 'member')
      const { router } = setup()
      expect((await land(router, '/settings/audit-log')).name).toBe('home')
      expect((await land(router, '/settings/members')).name).toBe('members')
    })

    it('lets admins into admin pages', async () => {
      signedIn([{ id: 10, name: 'A', role: 'admin' }], 'admin')
      const { router } = setup()
      expect((await land(router, '/settings/audit-log')).name).toBe('audit-log')
    })

    it('waits for the modules before giving up on a deep link into one', async () => {
      signedIn([{ id: 10, name: 'A', role: 'owner' }])
      const host = fakeModuleHost()
      const { router } = setup(host)
      vi.mocked(host.load).mockImplementation(async () => {
        if (!router.hasRoute('contacts'))
          router.addRoute('app', { path: '/contacts/:id?', name: 'contacts', component: Blank })
      })
      expect(await land(router, '/contacts/7')).toEqual({ name: 'contacts', query: {} })
      expect((await land(router, '/nowhere')).name).toBe('not-found')
    })
  })

  it('shows the unavailable page, with the way back, when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')))
    )
    const { router } = setup()
    expect(await land(router, '/settings/members')).toEqual({
      name: 'unavailable',
      query: { redirect: '/settings/members' },
    })
  })
})
