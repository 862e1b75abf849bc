import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { auditLog, notFound, tenantContext } from '@ia/kernel/contracts'
import Document, { QUOTE_OPEN_STATUSES } from '../models/document.ts'
import { invoicingErrors } from '../errors.ts'
import { today } from '../services/settlement.ts'
import { recordTimeline } from '../services/timeline.ts'

/** The customer's answer to a quote. */
export type QuoteAnswer = 'accepted' | 'refused'

/**
 * Records the customer's answer to a quote from their link. The same answer twice changes nothing and
 * answers the same (a double click, a page opened twice); the other answer after one was given is a 409;
 * an answer after the validity date is a 422 naming the date.
 */
export class AnswerQuote {
  async handle(
    trx: TransactionClientContract,
    documentId: string,
    answer: QuoteAnswer,
    ip: string | null
  ) {
    const organizationId = tenantContext.require()
    const quote = await Document.query({ client: trx }).where('id', documentId).forUpdate().first()
    if (!quote) throw notFound()
    if (quote.kind !== 'quote') throw invoicingErrors.notQuote()
    if (quote.status === answer) return quote
    if (!QUOTE_OPEN_STATUSES.includes(quote.status))
      throw invoicingErrors.quoteAnswered(quote.status)
    const validUntil = quote.validUntil?.toISODate()
    if (validUntil && validUntil < today()) throw invoicingErrors.quoteExpired(validUntil)

    quote.status = answer
    quote.respondedAt = DateTime.now()
    await quote.useTransaction(trx).save()
    await recordTimeline(trx, {
      organizationId,
      documentId: quote.id,
      action: answer,
      actorId: null,
      data: { by: 'customer' },
    })
    await auditLog.record(
      {
        organizationId,
        actorId: null,
        action: `quote.${answer}`,
        subjectType: 'quote',
        subjectId: quote.id,
        metadata: { number: quote.number, by: 'customer' },
        ip,
      },
      trx
    )
    return quote
  }
}
