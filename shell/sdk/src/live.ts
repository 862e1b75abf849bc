import { Transmit } from '@adonisjs/transmit-client'
import {
  getCurrentScope,
  onScopeDispose,
  readonly,
  ref,
  toValue,
  watch,
  type MaybeRefOrGetter,
} from 'vue'

/** A handler of the messages of one live channel. */
export type LiveHandler<T> = (message: T) => void

/** State of the page's live connection. */
export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting'

/** How the live connection is made; tests and non-browser hosts replace the defaults. */
export interface LiveOptions {
  /** Origin of the API ('' or unset: the page's own). */
  baseUrl?: string
  eventSourceFactory?: (url: string | URL, options: { withCredentials: boolean }) => EventSource
  /** Delay before a new connection once the browser gave up on the last one (ms, doubled up to a minute). */
  retryDelayMs?: number
}

const status = ref<LiveStatus>('idle')
/** Channel → handler → how many times it was subscribed (the same handler may be added by several components). */
const handlers = new Map<string, Map<LiveHandler<any>, number>>()
let options: LiveOptions = {}
let client: Transmit | null = null
let retryTimer: ReturnType<typeof setTimeout> | null = null
let retryDelay = 0

function baseUrl(): string {
  if (options.baseUrl) return options.baseUrl
  return typeof location === 'undefined' ? '' : location.origin
}

function dispatch(channel: string, message: unknown): void {
  for (const handler of [...(handlers.get(channel)?.keys() ?? [])]) handler(message)
}

function attach(transmit: Transmit, channel: string): void {
  const subscription = transmit.subscription(channel)
  if (subscription.handlerCount === 0)
    subscription.onMessage((message) => dispatch(channel, message))
  void subscription.create()
}

/** A server restart or a proxy error closes an EventSource for good: start a new connection a little later. */
function scheduleReconnect(): void {
  if (retryTimer || handlers.size === 0) return
  const base = options.retryDelayMs ?? 2000
  retryDelay = retryDelay ? Math.min(retryDelay * 2, 60_000) : base
  status.value = 'reconnecting'
  retryTimer = setTimeout(() => {
    retryTimer = null
    client?.close()
    client = null
    connect()
  }, retryDelay)
}

function connect(): Transmit {
  if (client) return client
  status.value = 'connecting'
  const factory = options.eventSourceFactory ?? ((url, init) => new EventSource(url, init))
  const transmit = new Transmit({
    baseUrl: baseUrl(),
    // Reconnecting is ours: EventSource retries dropped connections, scheduleReconnect() closed ones.
    maxReconnectAttempts: 0,
    eventSourceFactory: (url, init) => {
      const source = factory(url, init)
      source.addEventListener('error', () => {
        if (source.readyState === 2 && client === transmit) scheduleReconnect()
      })
      return source
    },
  })
  transmit.on('connected', () => {
    status.value = 'connected'
    retryDelay = 0
  })
  transmit.on('reconnecting', () => (status.value = 'reconnecting'))
  client = transmit
  for (const channel of handlers.keys()) attach(transmit, channel)
  return transmit
}

/** Sets how the live connection is made; the shell may call it once before anything subscribes. */
export function configureLive(next: LiveOptions): void {
  options = { ...next }
}

/**
 * Listens to a live channel: `users/<myId>/...` or `orgs/<an organisation of mine>/...` (the server
 * refuses any other). Returns the function that stops listening. One connection serves the page.
 */
export function subscribe<T = unknown>(channel: string, handler: LiveHandler<T>): () => void {
  let channelHandlers = handlers.get(channel)
  const isNew = !channelHandlers
  if (!channelHandlers) {
    channelHandlers = new Map()
    handlers.set(channel, channelHandlers)
  }
  channelHandlers.set(handler, (channelHandlers.get(handler) ?? 0) + 1)
  if (isNew) attach(connect(), channel)

  let active = true
  return () => {
    if (!active) return
    active = false
    const current = handlers.get(channel)
    const count = current?.get(handler) ?? 0
    if (count > 1) current!.set(handler, count - 1)
    else current?.delete(handler)
    if (current && current.size === 0) {
      handlers.delete(channel)
      void client?.subscription(channel).delete()
    }
  }
}

/**
 * `subscribe` for a component: follows `channel` (a ref or getter; null means none) while the
 * component lives, moving to the new channel when it changes.
 */
export function useLiveChannel<T = unknown>(
  channel: MaybeRefOrGetter<string | null>,
  handler: LiveHandler<T>
): void {
  let stop: (() => void) | null = null
  const stopWatching = watch(
    () => toValue(channel),
    (name) => {
      stop?.()
      stop = name ? subscribe(name, handler) : null
    },
    { immediate: true }
  )
  if (getCurrentScope()) {
    onScopeDispose(() => {
      stopWatching()
      stop?.()
    })
  }
}

/** The page's live connection state, for an indicator. */
export function useLiveStatus() {
  return readonly(status)
}

/** Closes the live connection and forgets every subscription (the shell calls it on sign-out). */
export function closeLive(): void {
  if (retryTimer) clearTimeout(retryTimer)
  retryTimer = null
  retryDelay = 0
  client?.close()
  client = null
  handlers.clear()
  status.value = 'idle'
}
