/// <reference lib="webworker" />
// The shell's service worker: every file under /remotes/ must match the hash the shell-manifest gives for it.
import { IntegrityMessage, cachePersistence, createIntegrityStore, handleRemoteRequest, isRemoteUrl, sanitizeMap } from './integrity'

declare const self: ServiceWorkerGlobalScope

const store = createIntegrityStore(cachePersistence(self.caches, self.location.origin))

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting())
})

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim())
})

self.addEventListener('message', (event) => {
  const data = event.data as { type?: string; map?: unknown } | null
  if (data?.type === IntegrityMessage.claim) {
    event.waitUntil(self.clients.claim())
  } else if (data?.type === IntegrityMessage.set) {
    const port = event.ports[0]
    event.waitUntil(
      store.merge(sanitizeMap(data.map)).then(
        () => port?.postMessage({ type: IntegrityMessage.ack }),
        (error: unknown) => port?.postMessage({ type: 'error', message: String(error) }),
      ),
    )
  }
})

self.addEventListener('fetch', (event) => {
  if (!isRemoteUrl(new URL(event.request.url), self.location.origin)) return
  event.respondWith(handleRemoteRequest(event.request, { fetch: (request) => fetch(request), loadMap: () => store.load() }))
})
