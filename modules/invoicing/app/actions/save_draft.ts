import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { auditLog, notFound, tenantContext } from '@ia/kernel/contracts'
import Document, { type DocumentKind } from '../models/document.ts'
import DocumentLine from '../models/document_line.ts'
import { invoicingErrors } from '../errors.ts'
import { today } from '../services/settlement.ts'
import {
  lineInputOf,
  replaceLines,
  resolveDraft,
  type Actor,
  type DraftFields,
} from '../services/drafts.ts'
import { recordTimeline } from '../services/timeline.ts'
import { loadCreditableInvoice } from '../services/credit_notes.ts'
import { readInvoicingSettings } from '../services/invoicing_settings.ts'

/** What a new draft is made of: a credit note takes its customer and (without lines) its lines from its invoice. */
export type NewDraft = Omit<DraftFields, 'customerId' | 'lines'> & {
  customerId?: string
  lines?: DraftFields['lines']
  creditedDocumentId?: string | null
}

/** Creates and changes drafts: quotes, invoices and credit notes before they are issued. */
export class SaveDraft {
  /**
   * A new draft of `kind`. A credit note names the issued invoice it credits and is for its customer,
   * in its currency; without lines it takes all of the invoice's (a full credit note).
   */
  async create(kind: DocumentKind, fields: NewDraft, actor: Actor) {
    return db.transaction((trx) => this.createIn(trx, kind, fields, actor))
  }

  /** `create` in the caller's transaction; `origin` goes on the timeline (the quote or the recurring template it came from). */
  async createIn(
    trx: TransactionClientContract,
    kind: DocumentKind,
    fields: NewDraft,
    actor: Actor,
    origin: Record<string, unknown> = {}
  ) {
    const organizationId = tenantContext.require()
    const { attributes, priced } = await this.prepare(trx, kind, fields)
    const document = await Document.create(
      { ...attributes, status: 'draft', createdBy: actor.userId },
      { client: trx }
    )
    await replaceLines(trx, document, priced)
    await recordTimeline(trx, {
      organizationId,
      documentId: document.id,
      action: 'created',
      actorId: actor.userId,
      data: origin,
    })
    await auditLog.record(
      {
        organizationId,
        actorId: actor.userId,
        action: `${kind}.created`,
        subjectType: kind,
        subjectId: document.id,
        metadata: { customer: document.customerName, ...origin },
        ip: actor.ip,
      },
      trx
    )
    return document
  }

  /** What a new draft would be, priced, without storing anything: the editor's live totals and `create` share it. */
  async prepare(trx: TransactionClientContract, kind: DocumentKind, fields: NewDraft) {
    const credited =
      kind === 'credit_note'
        ? await loadCreditableInvoice(trx, fields.creditedDocumentId ?? null)
        : null
    const issueDate = fields.issueDate ?? today()
    const lines =
      fields.lines ??
      (credited
        ? (
            await DocumentLine.query({ client: trx })
              .where('document_id', credited.id)
              .orderBy('position')
          ).map(lineInputOf)
        : [])
    const customerId = credited?.customerId ?? fields.customerId!
    const clientCategory = fields.clientCategory ?? credited?.clientCategory
    const organizationId = tenantContext.require()
    const paymentTermsDays =
      fields.paymentTermsDays ??
      (kind === 'invoice'
        ? (await readInvoicingSettings(organizationId, trx)).defaultPaymentTermsDays
        : undefined)
    return resolveDraft(
      trx,
      organizationId,
      kind,
      { ...fields, customerId, clientCategory, issueDate, lines, paymentTermsDays },
      credited
    )
  }

  /** Changes a draft; sent `lines` replace them all. An issued document is a 409. */
  async update(documentId: string, changes: Partial<DraftFields>, actor: Actor) {
    const organizationId = tenantContext.require()
    return db.transaction(async (trx) => {
      const document = await Document.query({ client: trx })
        .where('id', documentId)
        .forUpdate()
        .first()
      if (!document) throw notFound()
      if (document.status !== 'draft') throw invoicingErrors.notDraft(document.number)
      const credited = document.creditedDocumentId
        ? await loadCreditableInvoice(trx, document.creditedDocumentId)
        : null
      const lines =
        changes.lines ??
        (
          await DocumentLine.query({ client: trx })
            .where('document_id', document.id)
            .orderBy('position')
        ).map(lineInputOf)
      const fields: DraftFields & { issueDate: string } = {
        customerId: changes.customerId ?? document.customerId,
        issueDate: changes.issueDate ?? document.issueDate.toISODate()!,
        paymentTermsDays: changes.paymentTermsDays ?? document.paymentTermsDays,
        validUntil:
          changes.validUntil !== undefined ? changes.validUntil : document.validUntil?.toISODate(),
        currency: changes.currency ?? document.currency,
        invoiceType: changes.invoiceType ?? document.invoiceType,
        clientCategory: changes.clientCategory ?? document.clientCategory,
        notes: changes.notes !== undefined ? changes.notes : document.notes,
        lines,
      }
      const { attributes, priced } = await resolveDraft(
        trx,
        organizationId,
        document.kind,
        fields,
        credited
      )
      await document.merge(attributes).useTransaction(trx).save()
      await replaceLines(trx, document, priced)
      await recordTimeline(trx, {
        organizationId,
        documentId: document.id,
        action: 'updated',
        actorId: actor.userId,
        data: { fields: Object.keys(changes) },
      })
      return document
    })
  }

  /** Deletes a draft (an issued document is never deleted: a 409, and the database refuses it too). */
  async delete(documentId: string, actor: Actor) {
    const organizationId = tenantContext.require()
    await db.transaction(async (trx) => {
      const document = await Document.query({ client: trx })
        .where('id', documentId)
        .forUpdate()
        .first()
      if (!document) throw notFound()
      if (document.status !== 'draft') throw invoicingErrors.notDraft(document.number)
      await document.useTransaction(trx).delete()
      await auditLog.record(
        {
          organizationId,
          actorId: actor.userId,
          action: `${document.kind}.deleted`,
          subjectType: document.kind,
          subjectId: document.id,
          ip: actor.ip,
        },
        trx
      )
    })
  }
}
