import { createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { tenantContext } from '@ia/kernel/contracts'
import { AnswerQuote, type QuoteAnswer } from '../actions/answer_quote.ts'
import { documentView } from '../queries/document_view.ts'
import { documentFileName, renderDocumentPdf } from '../services/document_pdf.ts'
import { publicLinks } from '../services/public_links.ts'
import { displayedStatus, today } from '../services/settlement.ts'
import { serializePublicDocument } from '../transformers/document_transformer.ts'
import { documentPdfValidator } from '../validators/documents.ts'
import { invoicingErrors } from '../errors.ts'
import { OPEN_STATUSES } from '../models/document.ts'
import { invoicingPaymentLinks } from '../../contracts/payment_links.ts'

type View = Awaited<ReturnType<typeof documentView>>

/** Only what was sent is shown: a draft or a document since cancelled is not the customer's to read. */
function assertShown({ document }: View) {
  if (!document.number || document.status === 'cancelled') throw invoicingErrors.publicLinkInvalid()
}

/**
 * What a customer opens from the link in their email, without an account: the document, its PDF, and
 * for a quote their answer. The anonymous page cannot join the live hub (its channels are per signed-in
 * user), so it polls the document with `If-None-Match`: an unchanged document is a 304 without a body.
 */
export default class PublicDocumentsController {
  async show(ctx: HttpContext) {
    const { organizationId, documentId } = publicLinks.read(ctx.params.token)
    const on = today()
    const view = await tenantContext.run(organizationId, () => documentView(documentId))
    assertShown(view)
    const { document } = view
    // Where to pay it online (a new token each time: only whether there is one is part of the ETag).
    const payUrl =
      document.kind === 'invoice' && OPEN_STATUSES.includes(document.status)
        ? await invoicingPaymentLinks.linkFor(
            { organizationId, documentId },
            ctx.i18n.locale === 'en' ? 'en' : 'fr'
          )
        : null
    // The state shown changes with the record or with the calendar (overdue, a quote's validity).
    const etag = `"${createHash('sha256')
      .update(
        `${document.updatedAt.toMillis()}|${displayedStatus(document, on)}|${on}|${payUrl ? 1 : 0}`
      )
      .digest('base64url')
      .slice(0, 27)}"`
    ctx.response.header('etag', etag)
    ctx.response.header('cache-control', 'private, no-cache')
    const known = (ctx.request.header('if-none-match') ?? '').split(',').map((tag) => tag.trim())
    if (known.includes(etag) || known.includes('*')) return ctx.response.notModified()
    return { document: serializePublicDocument({ ...view, on }), payUrl }
  }

  async accept(ctx: HttpContext) {
    return this.#answer(ctx, 'accepted')
  }

  async refuse(ctx: HttpContext) {
    return this.#answer(ctx, 'refused')
  }

  async #answer(ctx: HttpContext, answer: QuoteAnswer) {
    const { organizationId, documentId } = publicLinks.read(ctx.params.token)
    return tenantContext.run(organizationId, () =>
      db.transaction(async (trx) => {
        assertShown(await documentView(documentId, trx))
        await new AnswerQuote().handle(trx, documentId, answer, ctx.request.ip())
        const view = await documentView(documentId, trx)
        return { document: serializePublicDocument({ ...view, on: today() }) }
      })
    )
  }

  async pdf(ctx: HttpContext) {
    const { organizationId, documentId } = publicLinks.read(ctx.params.token)
    const { lang, download } = await ctx.request.validateUsing(documentPdfValidator, {
      data: ctx.request.qs(),
    })
    const locale = lang ?? (ctx.i18n.locale === 'en' ? 'en' : 'fr')
    const { view, pdf } = await tenantContext.run(organizationId, async () => {
      const found = await documentView(documentId)
      assertShown(found)
      return { view: found, pdf: await renderDocumentPdf(found, locale) }
    })
    ctx.response.header('content-type', 'application/pdf')
    ctx.response.header(
      'content-disposition',
      `${download === '1' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(documentFileName(view.document, locale))}`
    )
    ctx.response.header('cache-control', 'private, no-store')
    return ctx.response.send(Buffer.from(pdf))
  }
}
