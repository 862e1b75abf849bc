import { createHash } from 'node:crypto'
import pg from 'pg'
import type { Serializable, SubscribeHandler, Transport } from '@boringnode/bus/types/main'

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more (the default build's limit). */
export const MAX_NOTIFY_PAYLOAD_BYTES = 7999

/** Where the transport reports what it cannot do; the AdonisJS logger by default. */
export type BusLogger = {
  warn(details: object, message: string): void
  error(details: object, message: string): void
}

/** Settings of a PostgresBusTransport. */
export type PostgresBusTransportOptions = {
  connectionString: string
  /** Prefix of the PostgreSQL channel names (a lowercase identifier); several apps sharing a database use distinct ones. */
  channelPrefix?: string
  /** First delay before reconnecting after the connection is lost; doubles up to 30 s. */
  reconnectDelayMs?: number
  logger?: BusLogger
}

/** The PostgreSQL channel (an identifier of at most 63 bytes) carrying the bus channel `channel`. */
export function postgresChannelName(channel: string, prefix = 'bus') {
  if (!/^[a-z_][a-z0-9_]{0,20}$/.test(prefix))
    throw new Error(`Invalid PostgreSQL channel prefix "${prefix}"`)
  return `${prefix}_${createHash('sha256').update(channel).digest('hex').slice(0, 40)}`
}

/** Builds a transport factory for `defineConfig({ transport: { driver } })` and `new Bus(...)`. */
export function postgresBus(options: PostgresBusTransportOptions) {
  return () => new PostgresBusTransport(options)
}

const defaultLogger: BusLogger = {
  warn: (details, message) => void log('warn', details, message),
  error: (details, message) => void log('error', details, message),
}

async function log(level: 'warn' | 'error', details: object, message: string) {
  // Resolved on use: the transport is built while the configuration loads, before the logger exists.
  const { default: logger } = await import('@adonisjs/core/services/logger')
  logger[level](details, message)
}

/**
 * A @boringnode/bus transport over PostgreSQL LISTEN/NOTIFY, for processes sharing a database
 * and no Redis. One dedicated connection per transport listens and publishes; when it drops, the
 * transport reconnects, listens again and tells the bus (which then resends what failed).
 * Like Redis pub/sub, messages sent while a process is disconnected do not reach it.
 * PGlite runs a single backend behind its socket server, so a notification only ever returns to
 * the connection that sent it: there the transport stays local (the embedded setup runs the
 * worker inside the web process instead).
 */
export class PostgresBusTransport implements Transport {
  readonly #options: Required<Omit<PostgresBusTransportOptions, 'logger'>>
  readonly #logger: BusLogger
  /** PostgreSQL channel → bus channel and its handlers. */
  readonly #subscriptions = new Map<
    string,
    { channel: string; handlers: SubscribeHandler<any>[] }
  >()
  readonly #reconnectCallbacks: (() => void)[] = []
  #id: string | undefined
  #client: pg.Client | null = null
  #connecting: Promise<pg.Client | null> | null = null
  #reconnectTimer: NodeJS.Timeout | null = null
  #reconnectDelay: number
  #localOnly = false
  #closed = false

  constructor(options: PostgresBusTransportOptions) {
    this.#options = { channelPrefix: 'bus', reconnectDelayMs: 500, ...options }
    postgresChannelName('', this.#options.channelPrefix)
    this.#logger = options.logger ?? defaultLogger
    this.#reconnectDelay = this.#options.reconnectDelayMs
  }

  setId(id: string) {
    this.#id = id
    return this
  }

  onReconnect(callback: () => void) {
    this.#reconnectCallbacks.push(callback)
  }

  async publish(channel: string, message: Serializable) {
    if (!this.#id) throw new Error('You must set an id before publishing a message')
    const encoded = JSON.stringify({ busId: this.#id, payload: message })
    const bytes = Buffer.byteLength(encoded)
    if (bytes > MAX_NOTIFY_PAYLOAD_BYTES) {
      // Dropped, not thrown: the bus would queue it for a retry that can never succeed.
      this.#logger.error(
        { channel, bytes, limit: MAX_NOTIFY_PAYLOAD_BYTES },
        'bus: message too large for a PostgreSQL notification, not sent'
      )
      return
    }
    const client = await this.#connection()
    if (!client) {
      if (this.#localOnly) return
      throw new Error('bus: PostgreSQL is unreachable')
    }
    await client.query('SELECT pg_notify($1, $2)', [this.#pgChannel(channel), encoded])
  }

  /** Resolves once listening, or once the channel is remembered for when the connection comes back. */
  async subscribe<T extends Serializable>(channel: string, handler: SubscribeHandler<T>) {
    const pgChannel = this.#pgChannel(channel)
    const subscription = this.#subscriptions.get(pgChannel) ?? { channel, handlers: [] }
    subscription.handlers.push(handler)
    this.#subscriptions.set(pgChannel, subscription)
    const client = await this.#connection()
    if (client && subscription.handlers.length === 1)
      await this.#listen(client, pgChannel).catch(() => undefined)
  }

  async unsubscribe(channel: string) {
    const pgChannel = this.#pgChannel(channel)
    if (!this.#subscriptions.delete(pgChannel)) return
    await this.#client?.query(`UNLISTEN "${pgChannel}"`).catch(() => undefined)
  }

  async disconnect() {
    this.#closed = true
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer)
    this.#reconnectTimer = null
    await this.#connecting
    const client = this.#client
    this.#client = null
    await client?.end().catch(() => undefined)
  }

  #pgChannel(channel: string) {
    return postgresChannelName(channel, this.#options.channelPrefix)
  }

  #listen(client: pg.Client, pgChannel: string) {
    return client.query(`LISTEN "${pgChannel}"`)
  }

  /** The open connection, opening it if needed; null when PostgreSQL is unreachable (a reconnection is then scheduled). */
  #connection(): Promise<pg.Client | null> {
    if (this.#client) return Promise.resolve(this.#client)
    if (this.#closed || this.#localOnly) return Promise.resolve(null)
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = null
    })
    return this.#connecting
  }

  async #connect() {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      application_name: 'ia bus',
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    })
    client.on('error', (error) => this.#lost(client, error))
    client.on('end', () => this.#lost(client, null))
    client.on('notification', (notification) =>
      this.#receive(notification.channel, notification.payload)
    )
    try {
      await client.connect()
      const { rows } = await client.query<{ version: string }>('SELECT version()')
      if (rows[0].version.includes('PGlite')) {
        this.#localOnly = true
        this.#logger.warn(
          {},
          'bus: PGlite delivers notifications only to their sender; messages stay within this process'
        )
        await client.end()
        return null
      }
      for (const pgChannel of this.#subscriptions.keys()) await this.#listen(client, pgChannel)
    } catch (error) {
      client.removeAllListeners('end')
      await client.end().catch(() => undefined)
      this.#logger.warn({ err: error }, 'bus: cannot connect to PostgreSQL, retrying')
      this.#scheduleReconnect()
      return null
    }
    if (this.#closed) {
      await client.end().catch(() => undefined)
      return null
    }
    this.#client = client
    this.#reconnectDelay = this.#options.reconnectDelayMs
    return client
  }

  #lost(client: pg.Client, error: Error | null) {
    if (this.#client !== client) return
    this.#client = null
    client.removeAllListeners('notification')
    if (this.#closed) return
    this.#logger.warn({ err: error ?? undefined }, 'bus: PostgreSQL connection lost, reconnecting')
    this.#scheduleReconnect()
  }

  #scheduleReconnect() {
    if (this.#closed || this.#reconnectTimer) return
    const delay = this.#reconnectDelay
    this.#reconnectDelay = Math.min(delay * 2, 30_000)
    this.#reconnectTimer = setTimeout(async () => {
      this.#reconnectTimer = null
      const client = await this.#connection()
      if (client) for (const callback of this.#reconnectCallbacks) callback()
    }, delay)
    this.#reconnectTimer.unref()
  }

  #receive(pgChannel: string, raw: string | undefined) {
    const subscription = this.#subscriptions.get(pgChannel)
    if (!subscription || raw === undefined) return
    let message: { busId?: unknown; payload?: Serializable }
    try {
      message = JSON.parse(raw)
    } catch {
      return
    }
    if (
      typeof message !== 'object' ||
      message === null ||
      typeof message.busId !== 'string' ||
      !('payload' in message)
    )
      return
    if (message.busId === this.#id) return
    for (const handler of subscription.handlers) handler(message.payload as Serializable)
  }
}
