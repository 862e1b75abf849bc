import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { useContactListStore } from '../src/stores/contact-list'
import { contactFixture, signedInOrganization, stubFetch } from './helpers'

function page(ids: number[], total: number | null, nextCursor: string | null) {
  return {
    data: ids.map((id) => contactFixture({ id: String(id) })),
    meta: { total, perPage: 50, nextCursor },
  }
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

  it('loads the first keyset page sorted by name, 50 at a time, active contacts only', async () => {
    const calls = stubFetch(() => page([1], 1, null))
    const list = useContactListStore()
    await list.load()
    expect(query(calls[0]!.url)).toEqual({
      paging: 'cursor',
      perPage: '50',
      sort: 'name',
      order: 'asc',
      archived: 'false',
    })
    expect(list.contacts).toHaveLength(1)
    expect(list.total).toBe(1)
    expect(list.hasMore).toBe(false)
    expect(list.loading).toBe(false)
    expect(list.error).toBeNull()
  })

  it('appends the next pages by cursor, keeping the total of the first, and stops at the end', async () => {
    const calls = stubFetch((url) => {
      const cursor = query(url).cursor
      if (!cursor) return page([1, 2], 5, 'c2')
      return cursor === 'c2' ? page([3, 4], null, 'c4') : page([5], null, null)
    })
    const list = useContactListStore()
    await list.load()
    await list.loadMore()
    await list.loadMore()
    expect(list.contacts.map((contact) => contact.id)).toEqual(['1', '2', '3', '4', '5'])
    expect(list.total).toBe(5)
    expect(list.hasMore).toBe(false)
    await list.loadMore()
    expect(calls.map((call) => query(call.url).cursor)).toEqual([undefined, 'c2', 'c4'])
  })

  it('starts again from the first page when a filter or the order changes', async () => {
    const calls = stubFetch((url) =>
      query(url).cursor ? page([3], null, null) : page([1, 2], 3, 'c2')
    )
    const list = useContactListStore()
    await list.load()
    await list.loadMore()
    await list.setFilters({ q: 'kin' })
    expect(query(calls.at(-1)!.url)).toMatchObject({ q: 'kin' })
    expect(query(calls.at(-1)!.url)).not.toHaveProperty('cursor')
    expect(list.contacts.map((contact) => contact.id)).toEqual(['1', '2'])
    await list.setSort('createdAt', 'desc')
    expect(query(calls.at(-1)!.url)).toMatchObject({ sort: 'createdAt', order: 'desc' })
    expect(query(calls.at(-1)!.url)).not.toHaveProperty('cursor')
  })

  it('loads on entering the list only when nothing is shown or on its way', async () => {
    const calls = stubFetch(() => page([1], 1, null))
    const list = useContactListStore()
    await Promise.all([list.loadIfEmpty(), list.loadIfEmpty()])
    expect(calls).toHaveLength(1)
    await list.loadIfEmpty()
    expect(calls).toHaveLength(1)
  })

  it('keeps the error of a failed load for the table to show', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              errors: [{ code: 'E_VALIDATION', field: 'tag', message: 'Étiquette trop longue' }],
            }),
            { status: 422, headers: { 'content-type': 'application/json' } }
          )
      )
    )
    const list = useContactListStore()
    await list.load()
    expect(list.error).toMatchObject({ status: 422, message: 'Étiquette trop longue' })
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
      return Promise.resolve(
        new Response(JSON.stringify(page([1, 2], 2, null)), {
          headers: { 'content-type': 'application/json' },
        })
      )
    })
    vi.stubGlobal('fetch', fetchMock)
    const list = useContactListStore()
    const first = list.load()
    const second = list.setFilters({ q: 'fleuve' })
    await Promise.all([first, second])
    expect(list.total).toBe(2)
    expect(list.error).toBeNull()
    expect(list.loading).toBe(false)
  })

  it('replaces a changed contact among the loaded ones', async () => {
    stubFetch(() => page([7], 1, null))
    const list = useContactListStore()
    await list.load()
    list.replaceContact(contactFixture({ id: '7', archivedAt: '2025-04-01T00:00:00.000Z' }))
    expect(list.contacts[0]!.archivedAt).toBe('2025-04-01T00:00:00.000Z')
  })

  it('forgets the rows and filters of the previous organisation', async () => {
    stubFetch(() => page([1], 1, 'c1'))
    const list = useContactListStore()
    await list.setFilters({ q: 'kin' })
    const session = (await import('@ia/sdk')).usePlatformSession()
    session.currentOrganization = { ...session.currentOrganization!, id: '77' }
    await nextTick()
    expect(list.contacts).toEqual([])
    expect(list.total).toBeNull()
    expect(list.hasMore).toBe(false)
    expect(list.filters.q).toBe('')
  })
})
