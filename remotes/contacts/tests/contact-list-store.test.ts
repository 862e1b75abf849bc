import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { useContactListStore } from '../src/stores/contact-list'
import { contactFixture, signedInOrganization, stubFetch } from './helpers'

function page(total: number, currentPage: number, lastPage: number, perPage = 25) {
  return { data: total ? [contactFixture()] : [], meta: { total, perPage, currentPage, lastPage } }
}

function query(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, 'http://localhost').searchParams)
}

describe('contacts-list store', () => {
  beforeEach(() => {
    signedInOrganization(42)
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('has the id prefixed with the module', () => {
    expect(useContactListStore().$id).toBe('contacts-list')
  })

  it('loads the first page sorted by name, 25 per page, active contacts only', async () => {
    const calls = stubFetch(() => page(1, 1, 1))
    const list = useContactListStore()
    await list.load()
    expect(query(calls[0]!.url)).toEqual({ page: '1', perPage: '25', sort: 'name', order: 'asc', archived: 'false' })
    expect(list.contacts).toHaveLength(1)
    expect(list.meta?.total).toBe(1)
    expect(list.loading).toBe(false)
    expect(list.error).toBeNull()
  })

  it('goes back to page 1 when a filter, the page size or the order changes', async () => {
    const calls = stubFetch(() => page(120, 3, 5))
    const list = useContactListStore()
    await list.setPage(3)
    await list.setFilters({ q: 'kin' })
    expect(query(calls.at(-1)!.url)).toMatchObject({ page: '1', q: 'kin' })
    await list.setPage(2)
    await list.setPerPage(50)
    expect(query(calls.at(-1)!.url)).toMatchObject({ page: '1', perPage: '50' })
    await list.setPage(2)
    await list.setSort('createdAt', 'desc')
    expect(query(calls.at(-1)!.url)).toMatchObject({ page: '1', sort: 'createdAt', order: 'desc' })
  })

  it('falls back to the last page when the list shrank below the current one', async () => {
    const calls = stubFetch((url) => (query(url).page === '4' ? page(30, 4, 2) : page(30, 2, 2)))
    const list = useContactListStore()
    await list.setPage(4)
    expect(calls.map((call) => query(call.url).page)).toEqual(['4', '2'])
    expect(list.page).toBe(2)
  })

  it('keeps the error of a failed load for the error panel', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ errors: [{ code: 'E_X', message: 'Boom' }] }), { status: 500, headers: { 'content-type': 'application/json' } })))
    const list = useContactListStore()
    await list.load()
    expect(list.error).toMatchObject({ status: 500, message: 'Boom' })
    expect(list.loading).toBe(false)
  })

  it('ignores the answer of a request overtaken by a newer one', async () => {
    let release: (value: Response) => void = () => {}
    const slow = new Promise<Response>((resolve) => (release = resolve))
    const fetchMock = vi.fn((_url: string, init: RequestInit) => {
      if (fetchMock.mock.calls.length === 1) {
        init.signal?.addEventListener('abort', () => release(Response.error()))
        return slow.then((response) => {
          if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError')
          return response
        })
      }
      return Promise.resolve(new Response(JSON.stringify(page(2, 1, 1)), { headers: { 'content-type': 'application/json' } }))
    })
    vi.stubGlobal('fetch', fetchMock)
    const list = useContactListStore()
    const first = list.load()
    const second = list.setFilters({ q: 'fleuve' })
    await Promise.all([first, second])
    expect(list.meta?.total).toBe(2)
    expect(list.error).toBeNull()
    expect(list.loading).toBe(false)
  })

  it('replaces a changed contact in the current page', async () => {
    stubFetch(() => page(1, 1, 1))
    const list = useContactListStore()
    await list.load()
    list.replaceContact(contactFixture({ archivedAt: '2025-04-01T00:00:00.000Z' }))
    expect(list.contacts[0]!.archivedAt).toBe('2025-04-01T00:00:00.000Z')
  })

  it('forgets the rows and filters of the previous organisation', async () => {
    stubFetch(() => page(1, 1, 1))
    const list = useContactListStore()
    await list.setFilters({ q: 'kin' })
    const session = (await import('@ia/sdk')).usePlatformSession()
    session.currentOrganization = { ...session.currentOrganization!, id: 77 }
    await nextTick()
    expect(list.contacts).toEqual([])
    expect(list.meta).toBeNull()
    expect(list.filters.q).toBe('')
  })
})
