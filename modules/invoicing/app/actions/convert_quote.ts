import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { notFound } from '@ia/kernel/contracts'
import Document from '../models/document.ts'
import DocumentLine from '../models/document_line.ts'
import { invoicingErrors } from '../errors.ts'
import { lineInputOf, type Actor } from '../services/drafts.ts'
import { recordTimeline } from '../services/timeline.ts'
import { SaveDraft } from './save_draft.ts'

/**
 * Makes a draft invoice of an accepted quote: its customer, currency, notes and lines, dated today (so
 * priced with today's tax rates when issued). Once made, asking again answers the same invoice.
 */
export class ConvertQuote {
  async handle(trx: TransactionClientContract, quoteId: string, actor: Actor) {
    const quote = await Document.query({ client: trx }).where('id', quoteId).forUpdate().first()
    if (!quote) throw notFound()
    if (quote.kind !== 'quote') throw invoicingErrors.notQuote()
    if (quote.invoiceDocumentId) return { invoiceId: quote.invoiceDocumentId, created: false }
    if (quote.status !== 'accepted') throw invoicingErrors.quoteNotAccepted()

    const lines = await DocumentLine.query({ client: trx })
      .where('document_id', quote.id)
      .orderBy('position')
    const invoice = await new SaveDraft().createIn(
      trx,
      'invoice',
      {
        customerId: quote.customerId,
        currency: quote.currency,
        clientCategory: quote.clientCategory,
        notes: quote.notes,
        lines: lines.map(lineInputOf),
      },
      actor,
      { quoteId: quote.id, quoteNumber: quote.number }
    )
    quote.invoiceDocumentId = invoice.id
    await quote.useTransaction(trx).save()
    await recordTimeline(trx, {
      organizationId: quote.organizationId,
      documentId: quote.id,
      action: 'converted',
      actorId: actor.userId,
      data: { invoiceId: invoice.id },
    })
    return { invoiceId: invoice.id, created: true }
  }
}
