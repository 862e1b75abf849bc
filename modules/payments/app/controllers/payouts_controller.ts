import type { HttpContext } from '@adonisjs/core/http'
import { authorize, notFound } from '@ia/kernel/contracts'
import Payout, { PAYOUT_STATUSES } from '../models/payout.ts'
import { createPayoutValidator, listValidator } from '../validators/payments.ts'
import { serializePayout } from '../transformers/payments_transformer.ts'
import { decidePayout, requestPayout, settlePayout } from '../services/payouts.ts'

const actorOf = (ctx: HttpContext) => ({ userId: ctx.auth.user!.id, ip: ctx.request.ip() })

/** Payouts to suppliers' phones: asked by one member, approved by another. */
export default class PayoutsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'payments.payout.read')
    const { status, limit = 100 } = await ctx.request.validateUsing(listValidator, {
      data: ctx.request.qs(),
    })
    const query = Payout.query().orderBy('created_at', 'desc').orderBy('id').limit(limit)
    if (status && (PAYOUT_STATUSES as readonly string[]).includes(status))
      query.where('status', status)
    return { data: (await query).map(serializePayout) }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'payments.payout.read')
    const payout = await Payout.find(ctx.params.payoutId)
    if (!payout) throw notFound()
    if (payout.status === 'sent') {
      await settlePayout(payout.id)
      await payout.refresh()
    }
    return { payout: serializePayout(payout) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'payments.payout.create')
    const input = await ctx.request.validateUsing(createPayoutValidator)
    return ctx.response.created({
      payout: serializePayout(await requestPayout(input, actorOf(ctx))),
    })
  }

  async approve(ctx: HttpContext) {
    await authorize(ctx, 'payments.payout.approve')
    return {
      payout: serializePayout(await decidePayout(ctx.params.payoutId, 'approve', actorOf(ctx))),
    }
  }

  async reject(ctx: HttpContext) {
    await authorize(ctx, 'payments.payout.approve')
    return {
      payout: serializePayout(await decidePayout(ctx.params.payoutId, 'reject', actorOf(ctx))),
    }
  }
}
