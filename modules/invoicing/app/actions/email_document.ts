import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { files, fromMinorUnits, mails } from '@ia/kernel/contracts'
import type Document from '../models/document.ts'
import type DocumentLine from '../models/document_line.ts'
import { invoicingErrors } from '../errors.ts'
import { documentHooks } from '../../contracts/document_hooks.ts'
import {
  documentFileName,
  renderDocumentPdf,
  type DocumentLocale,
} from '../services/document_pdf.ts'
import { publicLinks } from '../services/public_links.ts'
import { invoicingPaymentLinks } from '../../contracts/payment_links.ts'
import { recordTimeline } from '../services/timeline.ts'
import type { Actor } from '../services/drafts.ts'

/** Which reminder of an overdue invoice a mail is, and how late the invoice is. */
export type ReminderFacts = { sequence: number; daysLate: number; balance: string }

/** What the sender says: to whom (the customer's address by default), in which language, and a message of their own; a reminder says which one it is. */
export type EmailOptions = {
  to?: string
  locale: DocumentLocale
  message?: string
  reminder?: ReminderFacts
}

/** The data of the `invoicing.document_sent` mail. */
export type DocumentSentMail = {
  kind: Document['kind']
  number: string
  seller: string
  customer: string
  total: string
  currency: string
  dueDate: string | null
  message: string | null
  url: string
  /** Where the customer pays the invoice online (a payment module's link), or null. */
  payUrl: string | null
  /** Set for an overdue reminder (the `invoicing.overdue_reminder` template). */
  reminder?: ReminderFacts
}

/**
 * Mails an issued document to its customer with its PDF attached and the link that opens it without an
 * account. The PDF is stored in the organisation's files (the copy that was sent) and the mail queued in
 * the sending transaction: it leaves only if the sending is committed. Other modules' send gates are
 * asked first (an invoice awaiting its normalisation does not leave).
 */
export class EmailDocument {
  async handle(
    trx: TransactionClientContract,
    view: { document: Document; lines: DocumentLine[] },
    options: EmailOptions,
    actor: Actor
  ) {
    const { document } = view
    await documentHooks.assertSendable(
      {
        organizationId: document.organizationId,
        documentId: document.id,
        kind: document.kind,
        issuedAt: document.issuedAt?.toJSDate() ?? null,
      },
      trx
    )
    const to = options.to ?? document.customerSnapshot?.email ?? null
    if (!to) throw invoicingErrors.noRecipient()
    const pdf = await renderDocumentPdf(view, options.locale, trx)
    const filename = documentFileName(document, options.locale)
    const stored = await files.put(
      document.organizationId,
      `invoicing/${document.id}/${document.number}-${options.locale}.pdf`,
      pdf,
      { contentType: 'application/pdf' }
    )
    const token = publicLinks.token({
      organizationId: document.organizationId,
      documentId: document.id,
    })
    const payUrl =
      document.kind === 'invoice'
        ? await invoicingPaymentLinks.linkFor(
            { organizationId: document.organizationId, documentId: document.id },
            options.locale,
            trx
          )
        : null
    await mails.send<DocumentSentMail>(
      {
        template: options.reminder ? 'invoicing.overdue_reminder' : 'invoicing.document_sent',
        to,
        locale: options.locale,
        organizationId: document.organizationId,
        data: {
          kind: document.kind,
          number: document.number!,
          seller: document.sellerSnapshot?.legalName ?? document.sellerSnapshot?.name ?? '',
          customer: document.customerName,
          total: fromMinorUnits(document.totalMinor, document.currency),
          currency: document.currency,
          dueDate: document.kind === 'invoice' ? (document.dueDate?.toISODate() ?? null) : null,
          message: options.message?.trim() || null,
          url: publicLinks.url(token, options.locale),
          payUrl,
          ...(options.reminder ? { reminder: options.reminder } : {}),
        },
        attachments: [{ path: stored.path, filename, contentType: 'application/pdf' }],
      },
      { client: trx, userId: actor.userId ?? undefined }
    )
    await recordTimeline(trx, {
      organizationId: document.organizationId,
      documentId: document.id,
      action: options.reminder ? 'reminded' : 'emailed',
      actorId: actor.userId,
      data: options.reminder ? { to, sequence: options.reminder.sequence } : { to },
    })
  }
}
