import type { HttpContext } from '@adonisjs/core/http'
import { authorize, idempotent } from '@ia/kernel/contracts'
import {
  createDocumentValidator,
  listDocumentsValidator,
  updateDocumentValidator,
} from '../validators/documents.ts'
import db from '@adonisjs/lucid/services/db'
import {
  serializeDocument,
  serializeDocumentSummary,
  serializeTotals,
} from '../transformers/document_transformer.ts'
import { listDocuments } from '../queries/list_documents.ts'
import { documentView } from '../queries/document_view.ts'
import { SaveDraft } from '../actions/save_draft.ts'
import { IssueDocument } from '../actions/issue_document.ts'
import { SendDocument } from '../actions/send_document.ts'
import { actorOf, isoDateOf } from './http.ts'
import { documentFileName, renderDocumentPdf } from '../services/document_pdf.ts'
import { documentPdfValidator, sendDocumentValidator } from '../validators/documents.ts'
import { EmailDocument } from '../actions/email_document.ts'
import { ConvertQuote } from '../actions/convert_quote.ts'
import { organizations } from '@ia/kernel/contracts'

/** Quotes, invoices and credit notes: list, read, draft, issue, send. */
export default class DocumentsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.read')
    const {
      perPage = 25,
      cursor,
      from,
      to,
      page: _page,
      ...filters
    } = await ctx.request.validateUsing(listDocumentsValidator, { data: ctx.request.qs() })
    const { documents, nextCursor, total } = await listDocuments(
      { ...filters, from: isoDateOf(from), to: isoDateOf(to) },
      perPage,
      cursor
    )
    return { data: documents.map(serializeDocumentSummary), meta: { perPage, total, nextCursor } }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.read')
    return { document: serializeDocument(await documentView(ctx.params.documentId)) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.create')
    const { kind, issueDate, validUntil, ...fields } =
      await ctx.request.validateUsing(createDocumentValidator)
    const document = await new SaveDraft().create(
      kind,
      { ...fields, issueDate: isoDateOf(issueDate), validUntil: isoDateOf(validUntil) },
      actorOf(ctx)
    )
    return ctx.response.created({ document: serializeDocument(await documentView(document.id)) })
  }

  /** The totals a draft would have, computed by the server's money rules and stored nowhere (the editor's live totals). */
  async preview(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.create')
    const { kind, issueDate, validUntil, ...fields } =
      await ctx.request.validateUsing(createDocumentValidator)
    const draft = { ...fields, issueDate: isoDateOf(issueDate), validUntil: isoDateOf(validUntil) }
    // Read only; the transaction gives every read one snapshot and one connection.
    const { attributes, priced } = await db.transaction((trx) =>
      new SaveDraft().prepare(trx, kind, draft)
    )
    return { totals: serializeTotals({ currency: attributes.currency, priced }) }
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.update')
    const { issueDate, validUntil, ...changes } =
      await ctx.request.validateUsing(updateDocumentValidator)
    const document = await new SaveDraft().update(
      ctx.params.documentId,
      {
        ...changes,
        issueDate: isoDateOf(issueDate),
        ...(validUntil !== undefined ? { validUntil: isoDateOf(validUntil) ?? null } : {}),
      },
      actorOf(ctx)
    )
    return { document: serializeDocument(await documentView(document.id)) }
  }

  async destroy(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.delete')
    await new SaveDraft().delete(ctx.params.documentId, actorOf(ctx))
    return ctx.response.noContent()
  }

  /** Issues a draft; honours `Idempotency-Key`. */
  async issue(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.issue')
    return idempotent(ctx, async (trx) => {
      const document = await new IssueDocument().handle(trx, ctx.params.documentId, actorOf(ctx))
      return {
        status: 200,
        body: { document: serializeDocument(await documentView(document.id, trx)) },
      }
    })
  }

  /** Sends a document to its customer by email with its PDF, issuing it first when still a draft; honours `Idempotency-Key`. */
  async send(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.issue')
    const { to, lang, message } = await ctx.request.validateUsing(sendDocumentValidator)
    return idempotent(ctx, async (trx) => {
      const document = await new SendDocument().handle(trx, ctx.params.documentId, actorOf(ctx))
      const locale = lang ?? (await organizations.find(document.organizationId, trx))!.locale
      await new EmailDocument().handle(
        trx,
        await documentView(document.id, trx),
        { to, locale, message },
        actorOf(ctx)
      )
      return {
        status: 200,
        body: { document: serializeDocument(await documentView(document.id, trx)) },
      }
    })
  }

  /** Makes a draft invoice of an accepted quote (the same one when asked again); 201 when made, 200 after. */
  async convert(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.create')
    const { invoiceId, created } = await db.transaction((trx) =>
      new ConvertQuote().handle(trx, ctx.params.quoteId, actorOf(ctx))
    )
    const body = { document: serializeDocument(await documentView(invoiceId)) }
    return created ? ctx.response.created(body) : body
  }

  /** The document as a PDF, in the language asked for (else the reader's). */
  async pdf(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.invoice.read')
    const { lang } = await ctx.request.validateUsing(documentPdfValidator, {
      data: ctx.request.qs(),
    })
    const locale = lang ?? (ctx.i18n.locale === 'en' ? 'en' : 'fr')
    const view = await documentView(ctx.params.documentId)
    const pdf = await renderDocumentPdf(view, locale)
    const disposition = ctx.request.qs().download === '1' ? 'attachment' : 'inline'
    ctx.response.header('content-type', 'application/pdf')
    // The invoicing screens show it in a frame of their own page; no other site may frame it.
    ctx.response.header('x-frame-options', 'SAMEORIGIN')
    ctx.response.header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
    ctx.response.header(
      'content-disposition',
      `${disposition}; filename*=UTF-8''${encodeURIComponent(documentFileName(view.document, locale))}`
    )
    return ctx.response.send(Buffer.from(pdf))
  }
}
