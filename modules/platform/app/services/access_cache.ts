import { LRUCache } from 'lru-cache'
import { Bus } from '@boringnode/bus'
import type { Transport } from '@boringnode/bus/types/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** The bus channel on which processes tell each other which tags to drop. */
const CHANNEL = 'ia:access-cache:invalidations'

/**
 * How long an entry may be served. Every write that matters drops its entries at once, here and (through the
 * bus) in every other process; this bounds how long another process keeps a stale entry when the bus itself
 * lost a message (Redis or PostgreSQL unreachable at that moment).
 */
const DEFAULT_TTL_MS = 60 * 1000
const DEFAULT_MAX_ENTRIES = 20_000

type Entry = { value: object; tags: readonly string[] }
type Message = { tags: string[] }

/** The tags under which the access cache keeps what it read about a user, an organisation, a membership, a token. */
export const accessTags = {
  user: (userId: string) => `user:${userId}`,
  organization: (organizationId: string) => `org:${organizationId}`,
  membership: (organizationId: string, userId: string) => `member:${organizationId}:${userId}`,
  token: (tokenId: string | number | bigint) => `token:${String(tokenId)}`,
}

/**
 * What every authenticated request reads before it does anything (the access token with its user, the session's
 * user, the membership with its organisation), kept in this process's memory instead of read from the database
 * on every request. Each entry carries tags (accessTags); a write to a user, an organisation, a membership or a
 * token drops the entries under its tag once its transaction commits, in this process at once and in every other
 * process through the bus (Redis, else PostgreSQL LISTEN/NOTIFY), so the next request reads the new state.
 * A read that was under way while its tag was dropped is served but not kept: it may hold the state from before
 * the write. Entries are plain rows: each request builds its own models from them, never sharing one.
 * Off until `enable` (the web process enables it): elsewhere every read goes to the database.
 */
export class AccessCache {
  readonly #entries: LRUCache<string, Entry>
  #enabled = false
  /** Counts invalidations; a read remembers the count it started at. */
  #epoch = 0
  /** Tag → epoch of its last drop, kept only while reads are under way (they must not keep what they read). */
  readonly #droppedAt = new Map<string, number>()
  #droppedAllAt = 0
  #reads = 0
  #bus: Bus | null = null
  #transportFactory: (() => Transport | null) | null = null

  constructor(options: { ttlMs?: number; maxEntries?: number } = {}) {
    this.#entries = new LRUCache({
      max: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
      ttl: options.ttlMs ?? DEFAULT_TTL_MS,
    })
  }

  get enabled() {
    return this.#enabled
  }

  /** Starts serving from memory, listening to other processes' drops when a transport is given. */
  async enable(transport: Transport | null = null) {
    this.#enabled = true
    if (!transport) return
    // A reconnection means drops may have been missed while disconnected: start afresh.
    transport.onReconnect(() => this.#dropAll())
    this.#bus = new Bus(transport, { retryQueue: { enabled: true } })
    await this.#bus.subscribe<Message>(CHANNEL, (message) => this.#drop(message.tags))
  }

  /**
   * Where drops are sent from a process that does not serve requests (a job worker, a command): the transport
   * is made on the first drop, not at start.
   */
  publishThrough(factory: () => Transport | null) {
    this.#transportFactory = factory
  }

  /** Stops serving from memory and closes the bus. */
  async disable() {
    this.#enabled = false
    this.#dropAll()
    const bus = this.#bus
    this.#bus = null
    this.#transportFactory = null
    await bus?.disconnect()
  }

  /** The entry under `key`, else what `load` reads, kept under the tags `tagsOf` gives for it (null is never kept). */
  async remember<T extends object>(
    key: string,
    load: () => Promise<T | null>,
    tagsOf: (value: T) => readonly string[]
  ): Promise<T | null> {
    if (!this.#enabled) return load()
    const hit = this.#entries.get(key)
    if (hit) return hit.value as T
    const startedAt = this.#epoch
    this.#reads++
    try {
      const value = await load()
      if (!value || !this.#enabled) return value
      const tags = tagsOf(value)
      if (!this.#droppedSince(startedAt, tags)) this.#entries.set(key, { value, tags })
      return value
    } finally {
      if (--this.#reads === 0) this.#droppedAt.clear()
    }
  }

  /** Drops the entries under `tags` here and in every other process. */
  async invalidate(tags: string[]) {
    if (!tags.length) return
    this.#drop(tags)
    const bus = this.#publisher()
    if (bus) await bus.publish(CHANNEL, { tags } satisfies Message)
  }

  /**
   * Drops the entries under `tags` once `client`'s transaction commits (at once without a transaction): dropped
   * before the commit, they could be read again, unchanged, by a request running meanwhile.
   */
  async invalidateAfterCommit(tags: string[], client?: TransactionClientContract | null) {
    if (client?.isTransaction) client.after('commit', () => this.invalidate(tags))
    else await this.invalidate(tags)
  }

  #publisher() {
    if (!this.#bus && this.#transportFactory) {
      const transport = this.#transportFactory()
      this.#transportFactory = null
      if (transport) this.#bus = new Bus(transport, { retryQueue: { enabled: true } })
    }
    return this.#bus
  }

  #droppedSince(epoch: number, tags: readonly string[]) {
    return this.#droppedAllAt > epoch || tags.some((tag) => (this.#droppedAt.get(tag) ?? 0) > epoch)
  }

  #drop(tags: readonly string[]) {
    this.#epoch++
    if (this.#reads) for (const tag of tags) this.#droppedAt.set(tag, this.#epoch)
    for (const [key, entry] of this.#entries.entries()) {
      if (entry.tags.some((tag) => tags.includes(tag))) this.#entries.delete(key)
    }
  }

  #dropAll() {
    this.#epoch++
    this.#droppedAllAt = this.#epoch
    this.#entries.clear()
  }
}

/** The process's access cache. */
export const accessCache = new AccessCache()
