import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '@ia/kernel/contracts'
import GatewayEvent from '../models/gateway_event.ts'
import { listValidator } from '../validators/payments.ts'
import { serializeGatewayEvent } from '../transformers/payments_transformer.ts'

/** The operator log: callbacks and status answers, with what was done with each. */
export default class GatewayEventsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'payments.log.read')
    const { limit = 100 } = await ctx.request.validateUsing(listValidator, {
      data: ctx.request.qs(),
    })
    const events = await GatewayEvent.query().orderBy('id', 'desc').limit(limit)
    return { data: events.map(serializeGatewayEvent) }
  }
}
