import type { HttpContext } from '@adonisjs/core/http'
import { DomainError } from '@ia/kernel/contracts'
import { live } from '../services/live/live.ts'
import { liveStreamValidator, liveSubscriptionValidator } from '../validators/live.ts'

/** Transmit's three endpoints, for signed-in users, with channel access checked and streams bound to their user. */
export default class LiveController {
  async events(ctx: HttpContext) {
    const { uid } = await ctx.request.validateUsing(liveStreamValidator, { data: ctx.request.qs() })
    if (!live.openStream(ctx, uid, ctx.auth.user!.id))
      throw new DomainError('E_FORBIDDEN', 403, 'platform.errors.E_FORBIDDEN')
  }

  async subscribe(ctx: HttpContext) {
    const { uid, channel } = await ctx.request.validateUsing(liveSubscriptionValidator)
    const userId = ctx.auth.user!.id
    if (!(await live.mayListen(userId, channel))) {
      throw new DomainError('E_CHANNEL_FORBIDDEN', 403, 'platform.errors.E_CHANNEL_FORBIDDEN')
    }
    if (!(await live.subscribe(uid, channel, userId))) {
      throw new DomainError('E_STREAM_NOT_FOUND', 404, 'platform.errors.E_STREAM_NOT_FOUND')
    }
    return ctx.response.noContent()
  }

  async unsubscribe(ctx: HttpContext) {
    const { uid, channel } = await ctx.request.validateUsing(liveSubscriptionValidator)
    await live.unsubscribe(uid, channel, ctx.auth.user!.id)
    return ctx.response.noContent()
  }
}
