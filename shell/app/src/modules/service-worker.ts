import { IntegrityMessage, type IntegrityMap } from '../sw/integrity'

/** The integrity guard cannot be put in place, so no remote may load. */
export class IntegrityUnavailableError extends Error {
  constructor(reason: string) {
    super(`Module integrity check unavailable: ${reason}`)
    this.name = 'IntegrityUnavailableError'
  }
}

const SW_URL = '/sw.js'

function withTimeout<T>(promise: Promise<T>, ms: number, reason: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new IntegrityUnavailableError(reason)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      }
    )
  })
}

let registration: Promise<ServiceWorkerRegistration> | null = null

/** Registers the shell's service worker (once per page); call early so it is ready when modules load. */
export function registerShellServiceWorker(): Promise<ServiceWorkerRegistration> {
  if (!('serviceWorker' in navigator))
    return Promise.reject(new IntegrityUnavailableError('this browser has no service workers'))
  registration ??= navigator.serviceWorker
    .register(SW_URL, { scope: '/' })
    .catch((error: unknown) => {
      registration = null
      throw new IntegrityUnavailableError(`registration failed (${String(error)})`)
    })
  return registration
}

/** Resolves with the worker controlling this page, waiting for it on a first visit or after a hard reload. */
export async function controllingServiceWorker(timeoutMs = 15000): Promise<ServiceWorker> {
  await registerShellServiceWorker()
  const container = navigator.serviceWorker
  const ready = await withTimeout(container.ready, timeoutMs, 'the service worker did not activate')
  if (container.controller) return container.controller
  const controlled = new Promise<ServiceWorker>((resolve) => {
    container.addEventListener(
      'controllerchange',
      () => container.controller && resolve(container.controller),
      { once: true }
    )
  })
  ready.active?.postMessage({ type: IntegrityMessage.claim })
  return withTimeout(controlled, timeoutMs, 'the service worker did not take control of the page')
}

/** Sends the hashes to the worker and resolves once it has stored them; nothing under /remotes/ may load before. */
export async function sendIntegrityMap(map: IntegrityMap, timeoutMs = 15000): Promise<void> {
  const worker = await controllingServiceWorker(timeoutMs)
  const channel = new MessageChannel()
  const acknowledged = new Promise<void>((resolve, reject) => {
    channel.port1.onmessage = (event: MessageEvent<{ type?: string; message?: string }>) => {
      channel.port1.close()
      if (event.data?.type === IntegrityMessage.ack) resolve()
      else
        reject(
          new IntegrityUnavailableError(
            event.data?.message ?? 'the service worker refused the hashes'
          )
        )
    }
  })
  worker.postMessage({ type: IntegrityMessage.set, map }, [channel.port2])
  await withTimeout(acknowledged, timeoutMs, 'the service worker did not acknowledge the hashes')
}
