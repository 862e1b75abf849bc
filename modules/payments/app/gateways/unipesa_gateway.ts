import { DateTime } from 'luxon'
import { Decimal, fetchOutside, PrivateAddressError } from '@ia/kernel/contracts'
import {
  GatewayError,
  type GatewayCallback,
  type GatewayPaymentState,
  type GatewayPaymentStatus,
  type MobileMoneyGateway,
  type MobileMoneyOperator,
  type MobileMoneyOrder,
  type VerifiedCallback,
} from './mobile_money_gateway.ts'
import { hasValidUnipesaSignature, signUnipesaPayload } from './unipesa_signature.ts'

/** The DR Congo operators Unipesa reaches, by its provider id ("Available Payment Providers"). */
export const UNIPESA_OPERATORS: readonly MobileMoneyOperator[] = [
  { providerId: 9, name: 'M-Pesa (Vodacom)', simulator: false },
  { providerId: 10, name: 'Orange Money', simulator: false },
  { providerId: 17, name: 'Airtel Money', simulator: false },
  { providerId: 19, name: 'Africell Money', simulator: false },
  { providerId: 14, name: 'Unipesa Simulator', simulator: true },
]

/** Unipesa's transaction states: 1 is "in progress" in its documentation; 2 and 3 end a transaction. */
const STATES: Record<number, GatewayPaymentState> = {
  0: 'pending',
  1: 'pending',
  2: 'succeeded',
  3: 'failed',
  4: 'failed',
}

/** How long one call may take before the gateway counts as unreachable. */
const TIMEOUT_MS = 15_000

/**
 * The customer's number as each operator wants it (the provider table's notes): Vodacom and the simulator
 * with the country code, Orange and Africell with the trunk 0, Airtel with neither.
 */
export function unipesaCustomerId(providerId: number, e164: string) {
  const national = e164.replace(/^\+243/, '')
  switch (providerId) {
    case 10:
    case 19:
      return `0${national}`
    case 17:
      return national
    default:
      return e164.replace(/^\+/, '')
  }
}

export type UnipesaAccount = {
  baseUrl: string
  publicId: string
  merchantId: string
  secretKey: string
  /** Whether the base URL may be on this machine or a private network (tests only). */
  allowPrivateHosts: boolean
}

const text = (value: unknown) =>
  value === null || value === undefined || value === '' ? null : String(value)

/** An amount as the gateway wrote it (a JSON number or a string), as a decimal string; null when absent or not a number. */
function amountText(value: unknown) {
  if (value === null || value === undefined || value === '') return null
  try {
    return new Decimal(String(value)).toFixed()
  } catch {
    return null
  }
}

/** Unipesa's Payment Gateway API (v5.7.2): payment_c2b, payment_b2c, status; every body signed (HMAC-SHA512). */
export class UnipesaGateway implements MobileMoneyGateway {
  readonly operators = UNIPESA_OPERATORS

  constructor(private account: UnipesaAccount) {}

  private async call(path: string, body: Record<string, unknown>) {
    const url = `${this.account.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(this.account.publicId)}/${path}`
    let response: Awaited<ReturnType<typeof fetchOutside>>
    try {
      response = await fetchOutside(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept': 'application/json' },
          body: JSON.stringify(signUnipesaPayload(body, this.account.secretKey)),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        },
        { allowPrivate: this.account.allowPrivateHosts }
      )
    } catch (failure) {
      // A refused address may be the error itself or the cause of fetch's own.
      const refused = [failure, (failure as Error).cause].find(
        (error) => error instanceof PrivateAddressError
      )
      throw new GatewayError('Unipesa unreachable', 'unreachable', {
        cause: ((refused ?? failure) as Error).message,
      })
    }
    let answer: Record<string, unknown>
    try {
      answer = (await response.json()) as Record<string, unknown>
    } catch {
      throw new GatewayError('Unipesa answered something else than JSON', 'invalid_answer', {
        httpStatus: response.status,
      })
    }
    const result = (answer?.result ?? {}) as { code?: unknown; message?: unknown }
    if (!response.ok || (result.code !== undefined && Number(result.code) !== 0)) {
      throw new GatewayError(text(result.message) ?? `HTTP ${response.status}`, 'refused', {
        httpStatus: response.status,
        code: result.code ?? null,
      })
    }
    return answer
  }

  private statusOf(answer: Record<string, unknown>, fallbackOrderId: string): GatewayPaymentStatus {
    const state = STATES[Number(answer.status)]
    if (!state) {
      throw new GatewayError('Unipesa answered an unknown status', 'invalid_answer', {
        status: answer.status ?? null,
      })
    }
    const providerResult = (answer.provider_result ?? {}) as { message?: unknown }
    const result = (answer.result ?? {}) as { message?: unknown }
    return {
      orderId: text(answer.order_id) ?? fallbackOrderId,
      state,
      amount: amountText(answer.amount),
      currency: text(answer.currency),
      transactionId: text(answer.transaction_id),
      operatorReference: text(answer.transaction_ref),
      message: text(providerResult.message) ?? text(result.message),
    }
  }

  private orderBody(order: MobileMoneyOrder) {
    return {
      merchant_id: this.account.merchantId,
      customer_id: unipesaCustomerId(order.providerId, order.phone),
      order_id: order.orderId,
      // A JSON number, as Unipesa's examples send it, written from the decimal text (never computed).
      amount: Number(order.amount),
      currency: order.currency,
      country: 'CD',
      provider_id: order.providerId,
      callback_url: order.callbackUrl,
    }
  }

  async checkCredentials() {
    try {
      await this.status(`check-${Date.now()}`)
    } catch (failure) {
      // An unknown order is what a healthy account answers to a made-up id.
      if (
        failure instanceof GatewayError &&
        failure.kind === 'refused' &&
        failure.detail.httpStatus === 404
      )
        return
      throw failure
    }
  }

  async requestPayment(order: MobileMoneyOrder) {
    return this.statusOf(await this.call('payment_c2b', this.orderBody(order)), order.orderId)
  }

  async sendPayout(order: MobileMoneyOrder) {
    return this.statusOf(await this.call('payment_b2c', this.orderBody(order)), order.orderId)
  }

  async status(orderId: string) {
    const answer = await this.call('status', {
      merchant_id: this.account.merchantId,
      order_id: orderId,
    })
    return this.statusOf(answer, orderId)
  }

  verifyCallback(callback: GatewayCallback): VerifiedCallback | null {
    if (!hasValidUnipesaSignature(callback, this.account.secretKey)) return null
    const state = STATES[Number(callback.status)]
    const orderId = text(callback.order_id)
    if (!state || !orderId) return null
    const sentAt = text(callback.service_date_time)
    const parsed = sentAt
      ? DateTime.fromFormat(sentAt.slice(0, 19), 'yyyy-MM-dd HH:mm:ss', { zone: 'utc' })
      : null
    return {
      orderId,
      state,
      amount: amountText(callback.amount),
      currency: text(callback.currency),
      sentAt: parsed?.isValid ? parsed.toJSDate() : null,
      fingerprint: String(callback.signature).toLowerCase(),
    }
  }
}
