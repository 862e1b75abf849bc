import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { notFound, organizations, tenantContext } from '@ia/kernel/contracts'
import { invoicingPayments } from '@ia/invoicing/contracts'
import GatewaySettings from '../models/gateway_settings.ts'
import PaymentRequest from '../models/payment_request.ts'
import { UNIPESA_OPERATORS } from '../gateways/unipesa_gateway.ts'
import { publicPaymentRequestValidator } from '../validators/payments.ts'
import {
  serializeOperator,
  serializePublicPaymentRequest,
} from '../transformers/payments_transformer.ts'
import { invoiceLinks } from '../services/invoice_links.ts'
import { freshPaymentRequest, requestInvoicePayment } from '../services/payment_requests.ts'
import { receiveCallback } from '../services/callbacks.ts'
import { throttlePayByAddress, throttlePayByLink } from '../services/pay_throttle.ts'
import { paymentsErrors } from '../errors.ts'

/** A link of an organisation that turned the payments module off pays nothing: the page says online payment is unavailable. */
async function assertModuleEnabled(organizationId: string) {
  if (!(await organizations.moduleEnabled(organizationId, 'payments')))
    throw paymentsErrors.unavailable()
}

/** The customer's payment page (no account: the link's token is the credential) and the gateway's callbacks. */
export default class PublicPaymentsController {
  /** The invoice to pay, the operators offered, and the latest request made from this link. */
  async show(ctx: HttpContext) {
    const { organizationId, documentId } = invoiceLinks.read(ctx.params.token)
    await assertModuleEnabled(organizationId)
    return tenantContext.run(organizationId, async () => {
      const invoice = await invoicingPayments.payableInvoice(organizationId, documentId)
      const settings = await GatewaySettings.query().first()
      if (!invoice || !settings?.enabled) throw paymentsErrors.linkInvalid()
      const latest = await PaymentRequest.query()
        .where('document_id', documentId)
        .orderBy('created_at', 'desc')
        .first()
      ctx.response.header('cache-control', 'private, no-store')
      return {
        invoice: {
          number: invoice.number,
          sellerName: invoice.sellerName,
          customerName: invoice.customerName,
          currency: invoice.currency,
          total: invoice.total,
          balance: invoice.balance,
          payable: invoice.open,
        },
        operators: UNIPESA_OPERATORS.filter((operator) =>
          settings.enabledProviders.includes(operator.providerId)
        ).map(serializeOperator),
        request: latest ? serializePublicPaymentRequest(latest) : null,
      }
    })
  }

  async store(ctx: HttpContext) {
    await throttlePayByAddress(ctx)
    const { organizationId, documentId } = invoiceLinks.read(ctx.params.token)
    await throttlePayByLink(ctx, documentId)
    await assertModuleEnabled(organizationId)
    const input = await ctx.request.validateUsing(publicPaymentRequestValidator)
    const request = await tenantContext.run(organizationId, () =>
      requestInvoicePayment({ documentId, ...input })
    )
    return ctx.response.created({ request: serializePublicPaymentRequest(request) })
  }

  /** A request's state, asked of the gateway when it is still pending: what the page polls. */
  async status(ctx: HttpContext) {
    const { organizationId, documentId } = invoiceLinks.read(ctx.params.token)
    await assertModuleEnabled(organizationId)
    const request = await tenantContext.run(organizationId, async () => {
      const found = await freshPaymentRequest(ctx.params.requestId)
      if (found.documentId !== documentId) throw notFound()
      return found
    })
    ctx.response.header('cache-control', 'private, no-store')
    return { request: serializePublicPaymentRequest(request) }
  }

  /** The gateway's callback for an organisation. */
  async callback(ctx: HttpContext) {
    if (!(await organizations.moduleEnabled(ctx.params.organizationId, 'payments'))) {
      logger.warn(
        { organizationId: ctx.params.organizationId },
        'payments: callback refused, the organisation turned the payments module off'
      )
      throw paymentsErrors.unavailable()
    }
    const result = await receiveCallback(ctx.params.organizationId, ctx.request.body())
    return { received: true, outcome: result.outcome }
  }
}
