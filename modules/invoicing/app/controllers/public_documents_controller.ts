import type { HttpContext } from '@adonisjs/core/http'
import { tenantContext } from '@ia/kernel/contracts'
import { documentView } from '../queries/document_view.ts'
import { documentFileName, renderDocumentPdf } from '../services/document_pdf.ts'
import { publicLinks } from '../services/public_links.ts'
import { documentPdfValidator } from '../validators/documents.ts'
import { invoicingErrors } from '../errors.ts'

/** What a customer opens from the link in their email, without an account. */
export default class PublicDocumentsController {
  async pdf(ctx: HttpContext) {
    const { organizationId, documentId } = publicLinks.read(ctx.params.token)
    const { lang } = await ctx.request.validateUsing(documentPdfValidator, {
      data: ctx.request.qs(),
    })
    const locale = lang ?? (ctx.i18n.locale === 'en' ? 'en' : 'fr')
    const { view, pdf } = await tenantContext.run(organizationId, async () => {
      const found = await documentView(documentId)
      // Only what was sent is shown: a draft or a document since cancelled is not the customer's to read.
      if (!found.document.number || found.document.status === 'cancelled')
        throw invoicingErrors.publicLinkInvalid()
      return { view: found, pdf: await renderDocumentPdf(found, locale) }
    })
    ctx.response.header('content-type', 'application/pdf')
    ctx.response.header(
      'content-disposition',
      `inline; filename*=UTF-8''${encodeURIComponent(documentFileName(view.document, locale))}`
    )
    ctx.response.header('cache-control', 'private, no-store')
    return ctx.response.send(Buffer.from(pdf))
  }
}
