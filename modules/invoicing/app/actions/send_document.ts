import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { auditLog, notFound, tenantContext } from '@ia/kernel/contracts'
import Document from '../models/document.ts'
import { invoicingErrors } from '../errors.ts'
import { settledStatus } from '../services/settlement.ts'
import { recordTimeline } from '../services/timeline.ts'
import type { Actor } from '../services/drafts.ts'
import { IssueDocument } from './issue_document.ts'

/**
 * Marks a document as sent to its customer, issuing it first in the same transaction when it is still
 * a draft ("issue and send"). The email itself is the mail jobs' work.
 */
export class SendDocument {
  async handle(trx: TransactionClientContract, documentId: string, actor: Actor) {
    const organizationId = tenantContext.require()
    const found = await Document.query({ client: trx }).where('id', documentId).forUpdate().first()
    if (!found) throw notFound()
    const document =
      found.status === 'draft' ? await new IssueDocument().handle(trx, documentId, actor) : found
    if (document.status === 'cancelled') throw invoicingErrors.notIssued()
    document.sentAt = DateTime.now()
    document.status = document.kind === 'invoice' ? settledStatus(document) : 'sent'
    await document.useTransaction(trx).save()
    await recordTimeline(trx, {
      organizationId,
      documentId: document.id,
      action: 'sent',
      actorId: actor.userId,
    })
    await auditLog.record(
      {
        organizationId,
        actorId: actor.userId,
        action: `${document.kind}.sent`,
        subjectType: document.kind,
        subjectId: document.id,
        metadata: { number: document.number },
        ip: actor.ip,
      },
      trx
    )
    return document
  }
}
