import type { HttpContext } from '@adonisjs/core/http'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { authorize, idempotent, notFound } from '@ia/kernel/contracts'
import Payment from '../models/payment.ts'
import PaymentAllocation from '../models/payment_allocation.ts'
import Document from '../models/document.ts'
import { recordPaymentValidator, reversePaymentValidator } from '../validators/payments.ts'
import { serializePayment } from '../transformers/payment_transformer.ts'
import { RecordPayment } from '../actions/record_payment.ts'
import { ReversePayment } from '../actions/reverse_payment.ts'
import { actorOf, isoDateOf } from './http.ts'

/** Payments of the current organisation, serialized with their parts, in the order given: three queries for any number. */
async function paymentViews(payments: Payment[], client?: QueryClientContract) {
  const ids = payments.map((payment) => payment.id)
  const allocations = ids.length
    ? await PaymentAllocation.query({ client }).whereIn('payment_id', ids)
    : []
  const documentIds = [...new Set(allocations.map((allocation) => allocation.documentId))]
  const invoices = documentIds.length
    ? await Document.query({ client }).whereIn('id', documentIds).select('id', 'currency')
    : []
  const currencies = new Map(invoices.map((invoice) => [invoice.id, invoice.currency]))
  return payments.map((payment) =>
    serializePayment({
      payment,
      allocations: allocations.filter((allocation) => allocation.paymentId === payment.id),
      currencyOf: (documentId) => currencies.get(documentId)!,
    })
  )
}

/** One payment of the current organisation, serialized, or a 404. */
async function paymentView(paymentId: string, client?: QueryClientContract) {
  const payment = await Payment.query({ client }).where('id', paymentId).first()
  if (!payment) throw notFound()
  return (await paymentViews([payment], client))[0]
}

/** Payments: record (against one or several invoices), read, reverse. */
export default class PaymentsController {
  async show(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.payment.read')
    return { payment: await paymentView(ctx.params.paymentId) }
  }

  /** The payments that settled an invoice, newest first. */
  async forDocument(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.payment.read')
    const document = await Document.query().where('id', ctx.params.documentId).select('id').first()
    if (!document) throw notFound()
    const payments = await Payment.query()
      .whereIn(
        'id',
        PaymentAllocation.query().where('document_id', document.id).select('payment_id')
      )
      .orderBy('received_on', 'desc')
      .orderBy('id', 'desc')
    return { data: await paymentViews(payments) }
  }

  /** Records a payment; honours `Idempotency-Key`. */
  async store(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.payment.create')
    const { receivedOn, ...input } = await ctx.request.validateUsing(recordPaymentValidator)
    return idempotent(ctx, async (trx) => {
      const payment = await new RecordPayment().handle(
        trx,
        { ...input, receivedOn: isoDateOf(receivedOn) },
        actorOf(ctx)
      )
      return { status: 201, body: { payment: await paymentView(payment.id, trx) } }
    })
  }

  async reverse(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.payment.reverse')
    const { reason } = await ctx.request.validateUsing(reversePaymentValidator)
    return idempotent(ctx, async (trx) => {
      const payment = await new ReversePayment().handle(
        trx,
        ctx.params.paymentId,
        reason,
        actorOf(ctx)
      )
      return { status: 200, body: { payment: await paymentView(payment.id, trx) } }
    })
  }
}
