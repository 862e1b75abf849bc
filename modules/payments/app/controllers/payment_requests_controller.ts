import type { HttpContext } from '@adonisjs/core/http'
import { authorize, tenantContext } from '@ia/kernel/contracts'
import PaymentRequest, { PAYMENT_REQUEST_STATUSES } from '../models/payment_request.ts'
import {
  createPaymentRequestValidator,
  listValidator,
  paymentLinkValidator,
} from '../validators/payments.ts'
import { serializePaymentRequest } from '../transformers/payments_transformer.ts'
import { freshPaymentRequest, requestInvoicePayment } from '../services/payment_requests.ts'
import { invoiceLinks } from '../services/invoice_links.ts'
import { invoicingPayments } from '@ia/invoicing/contracts'
import { notFound } from '@ia/kernel/contracts'

/** Mobile-money payments asked of customers, from the organisation's side. */
export default class PaymentRequestsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'payments.request.read')
    const { status, limit = 100 } = await ctx.request.validateUsing(listValidator, {
      data: ctx.request.qs(),
    })
    const query = PaymentRequest.query().orderBy('created_at', 'desc').orderBy('id').limit(limit)
    if (status && (PAYMENT_REQUEST_STATUSES as readonly string[]).includes(status))
      query.where('status', status)
    return { data: (await query).map(serializePaymentRequest) }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'payments.request.read')
    return { request: serializePaymentRequest(await freshPaymentRequest(ctx.params.requestId)) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'payments.request.create')
    const input = await ctx.request.validateUsing(createPaymentRequestValidator)
    const request = await requestInvoicePayment(input)
    return ctx.response.created({ request: serializePaymentRequest(request) })
  }

  /** The link the customer opens to pay an invoice. */
  async link(ctx: HttpContext) {
    await authorize(ctx, 'payments.request.create')
    const { documentId, locale } = await ctx.request.validateUsing(paymentLinkValidator)
    const organizationId = tenantContext.require()
    const invoice = await invoicingPayments.payableInvoice(organizationId, documentId)
    if (!invoice) throw notFound()
    const token = invoiceLinks.token({ organizationId, documentId })
    return {
      token,
      url: invoiceLinks.url(token, locale ?? (ctx.i18n.locale === 'en' ? 'en' : 'fr')),
    }
  }
}
