import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { notFound, tenantContext } from '@ia/kernel/contracts'
import GatewaySettings from '../models/gateway_settings.ts'
import PaymentRequest from '../models/payment_request.ts'
import Payout from '../models/payout.ts'
import GatewayEvent from '../models/gateway_event.ts'
import type { GatewayCallback } from '../gateways/mobile_money_gateway.ts'
import { paymentsErrors } from '../errors.ts'
import { gatewayFor } from './gateway_settings.ts'
import { logGatewayEvent } from './gateway_log.ts'
import { sameAmount, settlePaymentRequest } from './payment_requests.ts'
import { settlePayout } from './payouts.ts'

/** A callback older than this (or dated this far ahead) is refused. */
const CALLBACK_WINDOW_MS = 5 * 60_000

/** What the operator log keeps of a callback: its fields, never its signature in full. */
function summary(callback: GatewayCallback) {
  const { signature, ...fields } = callback
  return {
    ...fields,
    signature: typeof signature === 'string' ? `${signature.slice(0, 12)}…` : null,
  }
}

/**
 * A callback from the organisation's gateway. Nothing in it is believed: its signature is checked in
 * constant time, it must be under five minutes old and never seen before, it must name an order we sent;
 * then the gateway's `/status` is asked, and only its answer settles anything. Every refusal is logged
 * (operator log and process log) and answered with its error; nothing is paid.
 */
export async function receiveCallback(organizationId: string, callback: GatewayCallback) {
  return tenantContext.run(organizationId, async () => {
    const settings = await GatewaySettings.query().first()
    if (!settings) throw notFound()
    const verified = gatewayFor(settings).verifyCallback(callback)
    const orderId = typeof callback.order_id === 'string' ? callback.order_id : null
    if (!verified) {
      await logGatewayEvent({
        kind: 'callback',
        outcome: 'bad_signature',
        orderId,
        detail: summary(callback),
      })
      throw paymentsErrors.callbackSignature()
    }
    const age = verified.sentAt ? Date.now() - verified.sentAt.getTime() : null
    if (age === null || Math.abs(age) > CALLBACK_WINDOW_MS) {
      await logGatewayEvent({
        kind: 'callback',
        outcome: 'stale',
        orderId,
        detail: summary(callback),
      })
      throw paymentsErrors.callbackStale()
    }
    // The fingerprint is unique per organisation: of two deliveries of one callback, only one gets a row.
    const inserted = await db.rawQuery(
      `INSERT INTO payments.gateway_events (organization_id, kind, outcome, order_id, fingerprint, detail, created_at)
       VALUES (?, 'callback', 'pending', ?, ?, ?, now())
       ON CONFLICT (organization_id, fingerprint) DO NOTHING RETURNING id`,
      [organizationId, verified.orderId, verified.fingerprint, JSON.stringify(summary(callback))]
    )
    const eventId = inserted.rows[0]?.id as string | undefined
    if (!eventId) {
      await logGatewayEvent({
        kind: 'callback',
        outcome: 'replayed',
        orderId,
        detail: summary(callback),
      })
      throw paymentsErrors.callbackReplayed()
    }
    const setOutcome = async (outcome: GatewayEvent['outcome']) => {
      if (outcome === 'mismatch' || outcome === 'unknown_order')
        logger.warn(
          { organizationId, orderId: verified.orderId, outcome },
          'payments: refused callback'
        )
      await GatewayEvent.query()
        .where('organization_id', organizationId)
        .where('id', eventId)
        .update({ outcome })
    }

    const request = await PaymentRequest.findBy('order_id', verified.orderId)
    if (request) {
      const said = { amount: verified.amount, currency: verified.currency }
      if (
        (said.currency !== null && said.currency !== request.currency) ||
        (said.amount !== null && !sameAmount(said.amount, request.amountMinor, request.currency))
      ) {
        await setOutcome('mismatch')
        return { orderId: verified.orderId, outcome: 'mismatch' as const }
      }
      const outcome = await settlePaymentRequest(request.id, { kind: 'callback', eventId })
      await setOutcome(outcome)
      return { orderId: verified.orderId, outcome }
    }
    const payout = await Payout.findBy('order_id', verified.orderId)
    if (payout) {
      const outcome = await settlePayout(payout.id)
      await setOutcome(outcome)
      return { orderId: verified.orderId, outcome }
    }
    await setOutcome('unknown_order')
    throw paymentsErrors.callbackUnknownOrder()
  })
}
