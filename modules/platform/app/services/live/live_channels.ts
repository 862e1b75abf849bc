import { Bus } from '@boringnode/bus'
import type { Transport } from '@boringnode/bus/types/main'
import type { HttpContext } from '@adonisjs/core/http'
import type transmitService from '@adonisjs/transmit/services/main'
import Membership from '../../models/membership.ts'
import { isUuid } from '../../../contracts/identifiers.ts'

/** The bus channel on which processes relay subscriptions to the process holding the stream. */
const RELAY_CHANNEL = 'ia:live:subscriptions'

type Transmit = typeof transmitService
type Broadcastable = Parameters<Transmit['broadcast']>[1]

type Relayed =
  | { action: 'subscribe' | 'unsubscribe'; uid: string; channel: string; userId: string }
  | { action: 'disconnect'; userId: string }

/** A channel name: `users/<userId>[/<topic>]` or `orgs/<orgId>/<topic>[/...]`, lowercase segments. */
const CHANNEL = /^(users|orgs)\/([0-9a-f-]{36})((?:\/[a-z0-9][a-z0-9._-]{0,62}){0,4})$/

/** The parts of a channel name its access rule needs, or null when the name is not one we serve. */
export function parseChannel(channel: string): { scope: 'users' | 'orgs'; id: string; topic: string } | null {
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
 * may reach another process, so that process relays it over the same bus broadcasts travel on.
 * A stream belongs to the user who opened it: a subscription is only added to one's own stream.
 */
export class LiveChannels {
  /** Stream uid → id of the user who opened it, for the streams held by this process. */
  readonly #owners = new Map<string, string>()
  /** Stream uid → its HTTP response, to end a stream whose user lost access. */
  readonly #responses = new Map<string, { end(): unknown }>()
  #bus: Bus | null = null

  /** `transmit` is resolved on use: the service is only bound once the application has booted. */
  constructor(readonly resolveTransmit: () => Transmit) {}

  get transmit() {
    return this.resolveTransmit()
  }

  /** Starts relaying subscriptions when several processes share a transport (Redis or PostgreSQL). */
  async start(transport: Transport | null) {
    if (!transport) return
    this.#bus = new Bus(transport, { retryQueue: { enabled: true } })
    await this.#bus.subscribe<Relayed>(RELAY_CHANNEL, async (message) => {
      await this.#applyLocally(message)
    })
  }

  async close() {
    await this.#bus?.disconnect()
    this.#bus = null
  }

  /** Whether `userId` may listen to `channel`: their own user channels, and channels of their organisations. */
  async mayListen(userId: string, channel: string) {
    const parsed = parseChannel(channel)
    if (!parsed) return false
    if (parsed.scope === 'users') return parsed.id === userId
    const membership = await Membership.query().where('user_id', userId).where('organization_id', parsed.id).first()
    return membership !== null
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

  /** Removes `channel` from the stream `uid` of `userId`, wherever that stream is held. */
  async unsubscribe(uid: string, channel: string, userId: string) {
    return this.#route({ action: 'unsubscribe', uid, channel, userId })
  }

  /**
   * Ends every stream of `userId`, in every process: their subscriptions were checked when made, so a
   * user who lost access (removed, signed out everywhere) must reconnect and subscribe again.
   */
  async disconnect(userId: string) {
    await this.#applyLocally({ action: 'disconnect', userId })
    if (this.#bus) await this.#bus.publish(RELAY_CHANNEL, { action: 'disconnect', userId } satisfies Relayed)
  }

  /** Sends `payload` to every stream listening to `channel`, in every process. */
  broadcast(channel: string, payload: Broadcastable) {
    this.transmit.broadcast(channel, payload)
  }

  /** Applies the change here when this process holds the stream, else relays it; false when no process can. */
  async #route(message: Extract<Relayed, { uid: string }>) {
    if (await this.#applyLocally(message)) return true
    if (!this.#bus) return false
    return this.#bus.publish(RELAY_CHANNEL, message)
  }

  async #applyLocally(message: Relayed) {
    if (message.action === 'disconnect') {
      for (const [uid, owner] of this.#owners) if (owner === message.userId) this.#responses.get(uid)?.end()
      return true
    }
    const { action, uid, channel, userId } = message
    if (this.#owners.get(uid) !== userId) return false
    // Access was checked where the request arrived; transmit only passes the context to its own authorize callbacks.
    const context = undefined as unknown as HttpContext
    if (action === 'subscribe') return this.transmit.subscribe({ uid, channel, context, skipAuthorization: true })
    return this.transmit.unsubscribe({ uid, channel, context })
  }
}
