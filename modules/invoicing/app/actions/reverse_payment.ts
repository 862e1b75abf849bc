import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { auditLog, events, notFound, tenantContext } from '@ia/kernel/contracts'
import Document from '../models/document.ts'
import Payment from '../models/payment.ts'
import PaymentAllocation from '../models/payment_allocation.ts'
import { invoicingErrors } from '../errors.ts'
import { settledStatus } from '../services/settlement.ts'
import { recordTimeline } from '../services/timeline.ts'
import { paymentFacts } from '../services/ledger_facts.ts'
import type { Actor } from '../services/drafts.ts'

/** Reverses a payment (it stays, marked reversed, with who and why): what it settled is due again. */
export class ReversePayment {
  async handle(trx: TransactionClientContract, paymentId: string, reason: string, actor: Actor) {
    const organizationId = tenantContext.require()
    const payment = await Payment.query({ client: trx }).where('id', paymentId).forUpdate().first()
    if (!payment) throw notFound()
    if (payment.reversedAt) throw invoicingErrors.paymentAlreadyReversed()
    const allocations = await PaymentAllocation.query({ client: trx }).where(
      'payment_id',
      payment.id
    )
    const invoices = new Map(
      (
        await Document.query({ client: trx })
          .whereIn(
            'id',
            allocations.map((allocation) => allocation.documentId)
          )
          .orderBy('id')
          .forUpdate()
      ).map((invoice) => [invoice.id, invoice])
    )
    payment.merge({ reversedAt: DateTime.now(), reversedBy: actor.userId, reversalReason: reason })
    await payment.useTransaction(trx).save()
    for (const allocation of allocations) {
      const invoice = invoices.get(allocation.documentId)!
      invoice.paidMinor = (BigInt(invoice.paidMinor) - BigInt(allocation.appliedMinor)).toString()
      invoice.status = settledStatus(invoice)
      await invoice.useTransaction(trx).save()
      await recordTimeline(trx, {
        organizationId,
        documentId: invoice.id,
        action: 'payment_reversed',
        actorId: actor.userId,
        data: { paymentId: payment.id, reason },
      })
    }
    await auditLog.record(
      {
        organizationId,
        actorId: actor.userId,
        action: 'payment.reversed',
        subjectType: 'payment',
        subjectId: payment.id,
        metadata: { reason },
        ip: actor.ip,
      },
      trx
    )
    await events.publish(
      'invoicing.payment.reversed',
      { ...paymentFacts(payment, allocations, invoices), reason },
      { client: trx, organizationId }
    )
    return payment
  }
}
