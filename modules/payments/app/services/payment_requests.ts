import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  DomainError,
  fitsCurrency,
  fromMinorUnits,
  notFound,
  tenantContext,
  toMinorUnits,
} from '@ia/kernel/contracts'
import { invoicingPayments } from '@ia/invoicing/contracts'
import PaymentRequest from '../models/payment_request.ts'
import GatewaySettings from '../models/gateway_settings.ts'
import { GatewayError, type GatewayPaymentStatus } from '../gateways/mobile_money_gateway.ts'
import { paymentsErrors } from '../errors.ts'
import { activeSettings, gatewayFor } from './gateway_settings.ts'
import { congoleseMobile } from './phone.ts'
import { logGatewayEvent } from './gateway_log.ts'
import type { GatewayEventOutcome } from '../models/gateway_event.ts'

/** The currencies DR Congo's mobile-money operators move. */
export const MOBILE_MONEY_CURRENCIES = ['CDF', 'USD'] as const

/** Where the gateway posts an organisation's callbacks. */
export function callbackUrl(organizationId: string) {
  return new URL(
    `/api/v1/public/payments/callbacks/${organizationId}`,
    app.config.get<string>('platform.appUrl')
  ).toString()
}

/** A pending request is asked about again after this long, when someone looks at it. */
const RECHECK_AFTER_MS = 3_000

/**
 * Asks the customer's phone to pay what remains of an invoice of the current organisation. The request is
 * stored before the gateway is called (so its callback always finds it) and marked failed when the gateway
 * refuses it.
 */
export async function requestInvoicePayment(input: {
  documentId: string
  providerId: number
  phone: string
}) {
  const organizationId = tenantContext.require()
  const settings = await activeSettings()
  if (!settings.enabledProviders.includes(input.providerId))
    throw paymentsErrors.providerNotEnabled()
  const phone = congoleseMobile(input.phone)
  const request = await db.transaction(async (trx) => {
    const invoice = await invoicingPayments.payableInvoice(organizationId, input.documentId, trx)
    if (!invoice) throw notFound()
    if (!invoice.open) throw paymentsErrors.invoiceNotPayable()
    if (!(MOBILE_MONEY_CURRENCIES as readonly string[]).includes(invoice.currency))
      throw paymentsErrors.currencyUnsupported(invoice.currency)
    // One request at a time per invoice, so a customer cannot be asked twice for the same money.
    await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [`payments:${invoice.id}`])
    const pending = await PaymentRequest.query({ client: trx })
      .where('document_id', invoice.id)
      .where('status', 'pending')
      .first()
    if (pending) throw paymentsErrors.requestPending()
    return PaymentRequest.create(
      {
        documentId: invoice.id,
        documentNumber: invoice.number,
        orderId: crypto.randomUUID(),
        providerId: input.providerId,
        phone,
        amountMinor: invoice.balanceMinor,
        currency: invoice.currency,
        status: 'pending',
      },
      { client: trx }
    )
  })
  try {
    const answer = await gatewayFor(settings).requestPayment({
      orderId: request.orderId,
      providerId: request.providerId,
      phone: request.phone,
      amount: fromMinorUnits(request.amountMinor, request.currency),
      currency: request.currency,
      callbackUrl: callbackUrl(organizationId),
    })
    request.merge({ gatewayTransactionId: answer.transactionId, checkedAt: DateTime.now() })
    await request.save()
  } catch (failure) {
    if (!(failure instanceof GatewayError)) throw failure
    request.merge({ status: 'failed', failure: failure.message.slice(0, 300) })
    await request.save()
    throw paymentsErrors.gatewayFailed(failure.message)
  }
  return request
}

/** Whether `amount` (a decimal string from the gateway) is exactly `amountMinor` of `currency`. */
export function sameAmount(amount: string | null, amountMinor: string, currency: string) {
  return (
    amount !== null &&
    fitsCurrency(amount, currency) &&
    toMinorUnits(amount, currency) === BigInt(amountMinor)
  )
}

/** Whether the gateway's answer is about exactly what was asked: the order, the amount and the currency. */
export function answerMatches(
  asked: { orderId: string; amountMinor: string; currency: string },
  status: GatewayPaymentStatus
) {
  return (
    status.orderId === asked.orderId &&
    status.currency === asked.currency &&
    sameAmount(status.amount, asked.amountMinor, asked.currency)
  )
}

/**
 * Asks the gateway where a payment request stands and acts on its answer, once: a success that matches
 * the request records the invoice's payment (with the operator's reference); a success that does not
 * match pays nothing and is disputed; a failure closes the request. Safe to run concurrently (the
 * request is locked) and again (a settled request is left alone). Returns the outcome it logged.
 */
export async function settlePaymentRequest(
  requestId: string,
  trigger: { kind: 'callback' | 'status'; eventId?: string }
): Promise<GatewayEventOutcome> {
  const organizationId = tenantContext.require()
  const settings = await GatewaySettings.query().first()
  if (!settings) throw paymentsErrors.notConfigured()
  const current = await PaymentRequest.findOrFail(requestId)
  if (current.status !== 'pending') return 'already_paid'
  let status: GatewayPaymentStatus
  try {
    status = await gatewayFor(settings).status(current.orderId)
  } catch (failure) {
    if (!(failure instanceof GatewayError)) throw failure
    await logGatewayEvent({
      kind: 'status',
      outcome: 'gateway_error',
      orderId: current.orderId,
      detail: { message: failure.message, ...failure.detail },
    })
    return 'gateway_error'
  }
  return db.transaction(async (trx) => {
    const request = await PaymentRequest.query({ client: trx })
      .where('id', requestId)
      .forUpdate()
      .firstOrFail()
    const detail = {
      trigger: trigger.kind,
      state: status.state,
      amount: status.amount,
      currency: status.currency,
      orderId: status.orderId,
      transactionId: status.transactionId,
      operatorReference: status.operatorReference,
    }
    const log = (outcome: GatewayEventOutcome, extra: Record<string, unknown> = {}) =>
      logGatewayEvent(
        { kind: 'status', outcome, orderId: request.orderId, detail: { ...detail, ...extra } },
        trx
      ).then(() => outcome)
    if (request.status !== 'pending') return log('already_paid')
    request.checkedAt = DateTime.now()
    if (status.state === 'pending') {
      await request.useTransaction(trx).save()
      return log('pending')
    }
    if (status.state === 'failed') {
      request.merge({ status: 'failed', failure: status.message?.slice(0, 300) ?? null })
      await request.useTransaction(trx).save()
      return log('failed')
    }
    if (!answerMatches(request, status)) {
      request.merge({ status: 'disputed', failure: 'mismatch' })
      await request.useTransaction(trx).save()
      return log('mismatch', {
        expected: {
          orderId: request.orderId,
          amount: fromMinorUnits(request.amountMinor, request.currency),
          currency: request.currency,
        },
      })
    }
    const reference = status.operatorReference ?? status.transactionId ?? request.orderId
    try {
      // A savepoint: a payment invoicing refuses (the invoice was settled meanwhile) leaves the request disputed.
      const recorded = await trx.transaction((savepoint) =>
        invoicingPayments.recordReceivedPayment(savepoint, organizationId, {
          documentId: request.documentId,
          method: 'mobile_money',
          reference,
          currency: request.currency,
          amount: fromMinorUnits(request.amountMinor, request.currency),
        })
      )
      request.merge({
        status: 'paid',
        invoicingPaymentId: recorded.paymentId,
        operatorReference: reference,
        gatewayTransactionId: status.transactionId ?? request.gatewayTransactionId,
        settledAt: DateTime.now(),
      })
      await request.useTransaction(trx).save()
      return log('paid')
    } catch (failure) {
      if (!(failure instanceof DomainError)) throw failure
      request.merge({ status: 'disputed', failure: failure.code, operatorReference: reference })
      await request.useTransaction(trx).save()
      return log('mismatch', { invoicing: failure.code })
    }
  })
}

/** A request of the current organisation, asked about again when it is pending and was not asked lately. */
export async function freshPaymentRequest(requestId: string) {
  const request = await PaymentRequest.find(requestId)
  if (!request) throw notFound()
  const due =
    !request.checkedAt || DateTime.now().diff(request.checkedAt).toMillis() >= RECHECK_AFTER_MS
  if (request.status === 'pending' && due) {
    await settlePaymentRequest(request.id, { kind: 'status' })
    await request.refresh()
  }
  return request
}
