import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  auditLog,
  fitsCurrency,
  fromMinorUnits,
  jobs,
  notFound,
  tenantContext,
  toMinorUnits,
} from '@ia/kernel/contracts'
import Payout from '../models/payout.ts'
import GatewaySettings from '../models/gateway_settings.ts'
import { GatewayError } from '../gateways/mobile_money_gateway.ts'
import type { GatewayEventOutcome } from '../models/gateway_event.ts'
import { paymentsErrors } from '../errors.ts'
import { activeSettings, gatewayFor } from './gateway_settings.ts'
import { congoleseMobile } from './phone.ts'
import { answerMatches, callbackUrl, MOBILE_MONEY_CURRENCIES } from './payment_requests.ts'
import { logGatewayEvent } from './gateway_log.ts'

/** The job that hands an approved payout to the gateway. */
export const SEND_PAYOUT_JOB = 'payments.payout.send'

type Actor = { userId: string; ip: string | null }

/** Asks for a payout to a supplier's phone; nothing leaves before a second person approves it. */
export async function requestPayout(
  input: {
    beneficiaryName: string
    providerId: number
    phone: string
    amount: string
    currency: string
    reason: string
  },
  actor: Actor
) {
  const organizationId = tenantContext.require()
  const settings = await activeSettings()
  if (!settings.enabledProviders.includes(input.providerId))
    throw paymentsErrors.providerNotEnabled()
  if (!(MOBILE_MONEY_CURRENCIES as readonly string[]).includes(input.currency))
    throw paymentsErrors.currencyUnsupported(input.currency)
  if (
    !fitsCurrency(input.amount, input.currency) ||
    toMinorUnits(input.amount, input.currency) <= 0n
  )
    throw paymentsErrors.amountInvalid(input.currency)
  const phone = congoleseMobile(input.phone)
  return db.transaction(async (trx) => {
    const payout = await Payout.create(
      {
        orderId: crypto.randomUUID(),
        beneficiaryName: input.beneficiaryName,
        providerId: input.providerId,
        phone,
        amountMinor: toMinorUnits(input.amount, input.currency).toString(),
        currency: input.currency,
        reason: input.reason,
        status: 'awaiting_approval',
        requestedBy: actor.userId,
      },
      { client: trx }
    )
    await auditLog.record(
      {
        organizationId,
        actorId: actor.userId,
        action: 'payments.payout.requested',
        subjectType: 'payout',
        subjectId: payout.id,
        metadata: {
          amount: input.amount,
          currency: input.currency,
          beneficiary: input.beneficiaryName,
        },
        ip: actor.ip,
      },
      trx
    )
    return payout
  })
}

/** Approves (the payout is queued to be sent) or rejects a payout, by someone else than who asked for it. */
export async function decidePayout(payoutId: string, decision: 'approve' | 'reject', actor: Actor) {
  const organizationId = tenantContext.require()
  return db.transaction(async (trx) => {
    const payout = await Payout.query({ client: trx }).where('id', payoutId).forUpdate().first()
    if (!payout) throw notFound()
    if (decision === 'approve') await activeSettings(trx)
    if (payout.status !== 'awaiting_approval') throw paymentsErrors.payoutDecided()
    if (payout.requestedBy === actor.userId) throw paymentsErrors.payoutSameApprover()
    payout.merge({
      status: decision === 'approve' ? 'sending' : 'rejected',
      decidedBy: actor.userId,
      decidedAt: DateTime.now(),
    })
    await payout.useTransaction(trx).save()
    await auditLog.record(
      {
        organizationId,
        actorId: actor.userId,
        action: decision === 'approve' ? 'payments.payout.approved' : 'payments.payout.rejected',
        subjectType: 'payout',
        subjectId: payout.id,
        metadata: {
          amount: fromMinorUnits(payout.amountMinor, payout.currency),
          currency: payout.currency,
        },
        ip: actor.ip,
      },
      trx
    )
    if (decision === 'approve') {
      await jobs.dispatch(
        SEND_PAYOUT_JOB,
        { organizationId, payoutId: payout.id },
        {
          client: trx,
          organizationId,
          userId: actor.userId,
          title: {
            key: 'payments.jobs.sendPayout',
            params: { beneficiary: payout.beneficiaryName },
          },
        }
      )
    }
    return payout
  })
}

/** Hands an approved payout to the gateway, once: a payout already handed over is left alone. */
export async function sendPayout(payoutId: string) {
  const organizationId = tenantContext.require()
  const payout = await Payout.findOrFail(payoutId)
  if (payout.status !== 'sending') return
  const settings = await GatewaySettings.query().firstOrFail()
  try {
    const answer = await gatewayFor(settings).sendPayout({
      orderId: payout.orderId,
      providerId: payout.providerId,
      phone: payout.phone,
      amount: fromMinorUnits(payout.amountMinor, payout.currency),
      currency: payout.currency,
      callbackUrl: callbackUrl(organizationId),
    })
    payout.merge({
      status: answer.state === 'succeeded' ? 'paid' : answer.state === 'failed' ? 'failed' : 'sent',
      gatewayTransactionId: answer.transactionId,
      operatorReference: answer.operatorReference,
    })
  } catch (failure) {
    if (!(failure instanceof GatewayError)) throw failure
    // Refused is final; unreachable is retried by the job (the gateway refuses the same order id twice).
    if (failure.kind === 'unreachable') throw failure
    payout.merge({ status: 'failed', failure: failure.message.slice(0, 300) })
  }
  await payout.save()
}

/** Asks the gateway where a payout stands and records its end (paid or failed). */
export async function settlePayout(payoutId: string): Promise<GatewayEventOutcome> {
  const payout = await Payout.findOrFail(payoutId)
  if (payout.status !== 'sent' && payout.status !== 'sending') return 'already_paid'
  const settings = await GatewaySettings.query().firstOrFail()
  let outcome: GatewayEventOutcome
  try {
    const status = await gatewayFor(settings).status(payout.orderId)
    if (status.state === 'pending') outcome = 'pending'
    else if (!answerMatches(payout, status)) outcome = 'mismatch'
    else if (status.state === 'succeeded') {
      payout.merge({ status: 'paid', operatorReference: status.operatorReference })
      outcome = 'payout_paid'
    } else {
      payout.merge({ status: 'failed', failure: status.message?.slice(0, 300) ?? null })
      outcome = 'payout_failed'
    }
  } catch (failure) {
    if (!(failure instanceof GatewayError)) throw failure
    outcome = 'gateway_error'
  }
  await payout.save()
  await logGatewayEvent({ kind: 'status', outcome, orderId: payout.orderId })
  return outcome
}

/** Registers the payout job (from the provider). */
export function registerPayoutJob() {
  jobs.register<{ organizationId: string; payoutId: string }>(
    SEND_PAYOUT_JOB,
    ({ organizationId, payoutId }) => tenantContext.run(organizationId, () => sendPayout(payoutId)),
    { title: 'payments.jobs.sendPayoutTitle', maxAttempts: 5, backoffMs: 30_000 }
  )
}
