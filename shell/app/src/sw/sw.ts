/// <reference lib="webworker" />
// The shell's service worker: every file under /remotes/ must match the hash the shell-manifest gives for it.
import {
  BLOCKED_HEADER,
  IntegrityMessage,
  cachePersistence,
  createIntegrityStore,
  handleRemoteRequest,
  isRemoteUrl,
  type IntegrityMap,
} from './integrity'

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
  } else if (data?.type === IntegrityMessage.set && event.source instanceof Client) {
    const port = event.ports[0]
    const clientId = event.source.id
    event.waitUntil(
      self.clients
        .matchAll({ includeUncontrolled: true })
        .then((open) =>
          store.set(
            clientId,
            data.map as IntegrityMap,
            open.map((client) => client.id)
          )
        )
        .then(
          () => port?.postMessage({ type: IntegrityMessage.ack }),
          (error: unknown) => port?.postMessage({ type: 'error', message: String(error) })
        )
    )
  }
})

self.addEventListener('fetch', (event) => {
  if (!isRemoteUrl(new URL(event.request.url), self.location.origin)) return
  const clientId = event.clientId
  const answer = handleRemoteRequest(event.request, {
    fetch: (request) => fetch(request),
    loadMap: () => store.load(clientId),
  })
  event.respondWith(answer)
  // The page learns which file was refused, and why, to say so in the module's error panel.
  event.waitUntil(
    answer.then(async (response) => {
      const reason = response.headers.get(BLOCKED_HEADER)
      const client = reason && clientId ? await self.clients.get(clientId) : undefined
      client?.postMessage({
        type: IntegrityMessage.blocked,
        path: new URL(event.request.url).pathname,
        reason,
      })
    })
  )
})
