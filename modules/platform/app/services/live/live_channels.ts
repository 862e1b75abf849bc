import { randomUUID } from 'node:crypto'
import { Bus } from '@boringnode/bus'
import type { Transport } from '@boringnode/bus/types/main'
import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import type transmitService from '@adonisjs/transmit/services/main'
import Membership from '../../models/membership.ts'
import { isUuid } from '@ia/kernel/contracts'

/** The bus channel on which processes relay subscriptions to the process holding the stream. */
const RELAY_CHANNEL = 'ia:live:subscriptions'

/** How long a relayed subscription waits for the process holding the stream to confirm it (a bus round trip takes milliseconds). */
const DEFAULT_RELAY_TIMEOUT_MS = 2000

type Transmit = typeof transmitService
type Broadcastable = Parameters<Transmit['broadcast']>[1]

type Relayed =
  | { action: 'subscribe'; uid: string; channel: string; userId: string; requestId?: string }
  | { action: 'unsubscribe'; uid: string; channel: string; userId: string }
  | { action: 'disconnect'; userId: string }
  /** Sent back by the process that added the subscription `requestId` to the stream it holds. */
  | { action: 'subscribed'; requestId: string }

/**
 * The topics of `orgs/<orgId>/<topic>` and who among the organisation's members may follow each; any
 * other topic is refused, so that a new one is opened on purpose, with its audience decided here.
 */
const ORGANIZATION_TOPICS = new Map<string, (membership: Membership) => boolean>([
  // Jobs of the organisation that nobody in particular started (a user's own jobs go to `users/<id>/jobs`),
  // shown in every member's jobs tray. A frame carries the name, label, status and percent, never the
  // payload or the error: those stay on the jobs page, which is for admins.
  ['jobs', () => true],
])

/** A channel name: `users/<userId>[/<topic>]` or `orgs/<orgId>/<topic>[/...]`, lowercase segments. */
const CHANNEL = /^(users|orgs)\/([0-9a-f-]{36})((?:\/[a-z0-9][a-z0-9._-]{0,62}){0,4})$/

/** The parts of a channel name its access rule needs, or null when the name is not one we serve. */
export function parseChannel(
  channel: string
): { scope: 'users' | 'orgs'; id: string; topic: string } | null {
  if (channel.length > 200) return null
  const match = CHANNEL.exec(channel)
  if (!match || !isUuid(match[2])) return null
  const scope = match[1] as 'users' | 'orgs'
  const topic = match[3].slice(1)
  if (scope === 'orgs' && !topic) return null
  return { scope, id: match[2], topic }
}

/**
 * Who may listen to what, and the cross-process part of subscriptions. Transmit keeps a stream's
 * subscriptions in the process holding the stream; behind a load balancer the subscribe request
 * may reach another process, so that process relays it over the same bus broadcasts travel on and
 * waits for the holder to confirm it: no confirmation in time means no process holds the stream (or
 * none could be reached), and the subscription is refused rather than reported done.
 * A stream belongs to the user who opened it: a subscription is only added to one's own stream.
 */
export class LiveChannels {
  /** Stream uid → id of the user who opened it, for the streams held by this process. */
  readonly #owners = new Map<string, string>()
  /** Stream uid → its HTTP response, to end a stream whose user lost access. */
  readonly #responses = new Map<string, { end(): unknown }>()
  /** Relayed subscriptions of this process awaiting confirmation: request id → settles the wait. */
  readonly #awaiting = new Map<string, (confirmed: boolean) => void>()
  readonly #relayTimeoutMs: number
  #bus: Bus | null = null

  /** `transmit` is resolved on use: the service is only bound once the application has booted. */
  constructor(
    readonly resolveTransmit: () => Transmit,
    options: { relayTimeoutMs?: number } = {}
  ) {
    this.#relayTimeoutMs = options.relayTimeoutMs ?? DEFAULT_RELAY_TIMEOUT_MS
  }

  get transmit() {
    return this.resolveTransmit()
  }

  /** Starts relaying subscriptions when several processes share a transport (Redis or PostgreSQL). */
  async start(transport: Transport | null) {
    if (!transport) return
    this.#bus = new Bus(transport, { retryQueue: { enabled: true } })
    await this.#bus.subscribe<Relayed>(RELAY_CHANNEL, (message) => {
      this.#receive(message).catch((error: unknown) =>
        logger.warn({ err: error }, 'live: a relayed subscription change failed')
      )
    })
  }

  async close() {
    const bus = this.#bus
    this.#bus = null
    for (const settle of this.#awaiting.values()) settle(false)
    await bus?.disconnect()
  }

  /** Whether `userId` may listen to `channel`: their own user channels, and the known topics of their organisations. */
  async mayListen(userId: string, channel: string) {
    const parsed = parseChannel(channel)
    if (!parsed) return false
    if (parsed.scope === 'users') return parsed.id === userId
    const audience = ORGANIZATION_TOPICS.get(parsed.topic)
    if (!audience) return false
    const membership = await Membership.query()
      .where('user_id', userId)
      .where('organization_id', parsed.id)
      .first()
    return membership !== null && audience(membership)
  }

  /** Opens the event stream `uid` for `userId` on this request; false when the uid is someone else's. */
  openStream(ctx: HttpContext, uid: string, userId: string) {
    const owner = this.#owners.get(uid)
    if (owner && owner !== userId) return false
    const stream = this.transmit.createStream({
      uid,
      context: ctx,
      request: ctx.request.request,
      response: ctx.response.response,
      injectResponseHeaders: ctx.response.getHeaders(),
    })
    this.#owners.set(uid, userId)
    this.#responses.set(uid, ctx.response.response)
    ctx.response.response.on('close', () => {
      if (this.#owners.get(uid) === userId) {
        this.#owners.delete(uid)
        this.#responses.delete(uid)
      }
    })
    ctx.response.stream(stream)
    return true
  }

  /** Adds `channel` to the stream `uid` of `userId`, wherever that stream is held. Access is checked by the caller. */
  async subscribe(uid: string, channel: string, userId: string) {
    return this.#route({ action: 'subscribe', uid, channel, userId })
  }

  /**
   * Removes `channel` from the stream `uid` of `userId`, wherever that stream is held. Not confirmed:
   * removing is idempotent, and a stream nobody holds listens to nothing anyway.
   */
  async unsubscribe(uid: string, channel: string, userId: string) {
    return this.#route({ action: 'unsubscribe', uid, channel, userId })
  }

  /**
   * Ends every stream of `userId`, in every process: their subscriptions were checked when made, so a
   * user who lost access (removed, signed out everywhere) must reconnect and subscribe again.
   */
  async disconnect(userId: string) {
    await this.#applyLocally({ action: 'disconnect', userId })
    if (this.#bus)
      await this.#bus.publish(RELAY_CHANNEL, { action: 'disconnect', userId } satisfies Relayed)
  }

  /** Sends `payload` to every stream listening to `channel`, in every process. */
  broadcast(channel: string, payload: Broadcastable) {
    this.transmit.broadcast(channel, payload)
  }

  /**
   * Applies the change here when this process holds the stream, else relays it; false when no process
   * can. A relayed subscription is true only once the process holding the stream confirms it.
   */
  async #route(message: Extract<Relayed, { uid: string }>) {
    if (await this.#applyLocally(message)) return true
    // Stream ids are random: one held here by someone else is held nowhere else.
    if (!this.#bus || this.#owners.has(message.uid)) return false
    if (message.action === 'unsubscribe') return this.#bus.publish(RELAY_CHANNEL, message)
    return this.#relayAndAwait(this.#bus, { ...message, requestId: randomUUID() })
  }

  #relayAndAwait(
    bus: Bus,
    message: Extract<Relayed, { action: 'subscribe' }> & { requestId: string }
  ) {
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), this.#relayTimeoutMs)
      const settle = (confirmed: boolean) => {
        clearTimeout(timer)
        this.#awaiting.delete(message.requestId)
        resolve(confirmed)
      }
      this.#awaiting.set(message.requestId, settle)
      // A message the bus could not send now is retried later; this request is answered before that.
      bus.publish(RELAY_CHANNEL, message).then(
        (sent) => sent || settle(false),
        () => settle(false)
      )
    })
  }

  /** Handles what another process relayed. */
  async #receive(message: Relayed) {
    if (message.action === 'subscribed') {
      this.#awaiting.get(message.requestId)?.(true)
      return
    }
    const applied = await this.#applyLocally(message)
    if (applied && message.action === 'subscribe' && message.requestId && this.#bus) {
      await this.#bus.publish(RELAY_CHANNEL, {
        action: 'subscribed',
        requestId: message.requestId,
      } satisfies Relayed)
    }
  }

  async #applyLocally(message: Exclude<Relayed, { action: 'subscribed' }>) {
    if (message.action === 'disconnect') {
      for (const [uid, owner] of this.#owners)
        if (owner === message.userId) this.#responses.get(uid)?.end()
      return true
    }
    const { action, uid, channel, userId } = message
    if (this.#owners.get(uid) !== userId) return false
    // Access was checked where the request arrived; transmit only passes the context to its own authorize callbacks.
    const context = undefined as unknown as HttpContext
    if (action === 'subscribe')
      return this.transmit.subscribe({ uid, channel, context, skipAuthorization: true })
    return this.transmit.unsubscribe({ uid, channel, context })
  }
}
