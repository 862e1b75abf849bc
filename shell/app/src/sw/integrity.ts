/** URL path -> `sha384-<base64>`, as the shell-manifest lists it. */
export type IntegrityMap = Record<string, string>

/** Why a file was refused. */
export type BlockReason = 'unlisted' | 'mismatch' | 'unsupported-algorithm'

/** Messages exchanged between the page and the service worker. */
export const IntegrityMessage = {
  /** Page -> worker: `{ type, map }` plus a MessagePort to answer on. */
  set: 'ia:integrity:set',
  /** Worker -> page, on the port: the map is stored and in force. */
  ack: 'ia:integrity:ack',
  /** Page -> worker: take control of pages opened before it was active (e.g. after a hard reload). */
  claim: 'ia:integrity:claim',
  /** Worker -> page: `{ type, path, reason }`, a file of a module was refused. */
  blocked: 'ia:integrity:blocked',
} as const

/** Path prefix of first-party modules' files; everything under it must be verified. */
export const REMOTES_PREFIX = '/remotes/'
/** Path prefix of vendor modules' files (`/marketplace/files/<module>/<version>/…`), verified the same way. */
export const VENDOR_FILES_PREFIX = '/marketplace/files/'
const CHECKED_PREFIXES = [REMOTES_PREFIX, VENDOR_FILES_PREFIX]

const isCheckedPath = (path: string) => CHECKED_PREFIXES.some((prefix) => path.startsWith(prefix))

/** The module a checked path belongs to: `/remotes/<id>/…` or `/marketplace/files/<id>/<version>/…`. */
export function moduleOfPath(path: string): string | null {
  const match = /^\/(?:remotes|marketplace\/files)\/([^/]+)\//.exec(path)
  return match ? match[1]! : null
}

/** Header set on the responses the worker refuses. */
export const BLOCKED_HEADER = 'x-ia-integrity'

/** Whether a request targets a module's files (first-party or vendor) on this origin. */
export function isRemoteUrl(url: URL, origin: string): boolean {
  return url.origin === origin && isCheckedPath(url.pathname)
}

/** Base64 of the SHA-384 digest of some bytes. */
export async function sha384Base64(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes))
  let binary = ''
  for (const byte of digest) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** The sha384 digests an SRI value allows (`sha384-…`, possibly several separated by spaces); other algorithms are ignored. */
export function sha384Digests(sri: string): string[] {
  return sri
    .trim()
    .split(/\s+/)
    .filter((token) => token.startsWith('sha384-'))
    .map((token) => token.slice('sha384-'.length).split('?')[0])
    .filter(Boolean)
}

/** Checks some bytes against the map entry of their URL path. */
export async function verifyBytes(
  path: string,
  bytes: ArrayBuffer,
  map: IntegrityMap
): Promise<{ ok: true } | { ok: false; reason: BlockReason }> {
  const expected = Object.hasOwn(map, path) ? map[path] : undefined
  if (typeof expected !== 'string') return { ok: false, reason: 'unlisted' }
  const allowed = sha384Digests(expected)
  if (!allowed.length) return { ok: false, reason: 'unsupported-algorithm' }
  const actual = await sha384Base64(bytes)
  return allowed.includes(actual) ? { ok: true } : { ok: false, reason: 'mismatch' }
}

/** The response that stands in for a refused file: it can never run as a script. */
export function blockedResponse(path: string, reason: BlockReason | 'no-response'): Response {
  return new Response(`Blocked by the IA-Solution integrity check (${reason}): ${path}`, {
    status: 403,
    statusText: 'Forbidden',
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      [BLOCKED_HEADER]: reason,
    },
  })
}

/** What handleRemoteRequest needs from the worker. */
export interface RemoteRequestDeps {
  fetch: (request: Request) => Promise<Response>
  loadMap: () => Promise<IntegrityMap>
}

/** Fetches a module file and hands it over only if its bytes match the manifest; fails closed on anything else. */
export async function handleRemoteRequest(
  request: Request,
  deps: RemoteRequestDeps
): Promise<Response> {
  const path = new URL(request.url).pathname
  const map = await deps.loadMap()
  if (!Object.hasOwn(map, path)) return blockedResponse(path, 'unlisted')

  let response: Response
  try {
    response = await deps.fetch(request)
  } catch {
    return blockedResponse(path, 'no-response')
  }
  if (!response.ok)
    return new Response(null, { status: response.status, statusText: response.statusText })

  const bytes = await response.arrayBuffer()
  const verdict = await verifyBytes(path, bytes, map)
  if (!verdict.ok) return blockedResponse(path, verdict.reason)
  return new Response(bytes, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}

/** Keeps only well-formed entries of a map received from the page. */
export function sanitizeMap(value: unknown): IntegrityMap {
  const map: IntegrityMap = {}
  if (typeof value !== 'object' || value === null) return map
  for (const [path, sri] of Object.entries(value)) {
    if (isCheckedPath(path) && typeof sri === 'string') map[path] = sri
  }
  return map
}

/** The map each open page sent, by the page's client id. */
export type IntegrityMaps = Record<string, IntegrityMap>

/** Where the worker keeps the maps so that they survive the worker being stopped and restarted. */
export interface IntegrityPersistence {
  read(): Promise<IntegrityMaps | null>
  write(maps: IntegrityMaps): Promise<void>
}

/**
 * The maps in force, one per page: each page's requests are checked against the manifest that page loaded, so two
 * tabs on different organisations do not widen or narrow each other's list. A page that sent no map gets an empty one,
 * which blocks everything.
 */
export function createIntegrityStore(persistence: IntegrityPersistence) {
  let current: IntegrityMaps | null = null
  const all = async (): Promise<IntegrityMaps> => (current ??= (await persistence.read()) ?? {})
  return {
    async load(clientId: string): Promise<IntegrityMap> {
      const maps = await all()
      return Object.hasOwn(maps, clientId) ? maps[clientId]! : {}
    },
    /** Stores a page's map, drops those of pages no longer open, and persists before resolving. */
    async set(clientId: string, map: IntegrityMap, openClientIds: string[]): Promise<void> {
      const open = new Set([...openClientIds, clientId])
      const next: IntegrityMaps = {}
      for (const [id, existing] of Object.entries(await all()))
        if (open.has(id)) next[id] = existing
      next[clientId] = sanitizeMap(map)
      await persistence.write(next)
      current = next
    },
  }
}

const CACHE_NAME = 'ia-integrity-v1'
const CACHE_KEY = '/__ia/integrity-maps.json'

/** Persists the maps in the Cache API, which the worker can read after any restart. */
export function cachePersistence(caches: CacheStorage, origin: string): IntegrityPersistence {
  const key = new URL(CACHE_KEY, origin).href
  return {
    async read() {
      const response = await (await caches.open(CACHE_NAME)).match(key)
      if (!response) return null
      try {
        const stored: unknown = await response.json()
        if (typeof stored !== 'object' || stored === null) return null
        return Object.fromEntries(
          Object.entries(stored).map(([clientId, map]) => [clientId, sanitizeMap(map)])
        )
      } catch {
        return null
      }
    },
    async write(maps) {
      const cache = await caches.open(CACHE_NAME)
      await cache.put(
        key,
        new Response(JSON.stringify(maps), { headers: { 'content-type': 'application/json' } })
      )
    },
  }
}
