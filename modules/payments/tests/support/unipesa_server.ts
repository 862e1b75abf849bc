import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomInt } from 'node:crypto'
import {
  hasValidUnipesaSignature,
  signUnipesaPayload,
} from '../../app/gateways/unipesa_signature.ts'

/** A merchant account the local server knows. */
export type LocalMerchant = { publicId: string; merchantId: string; secretKey: string }

/** A transaction the local server holds, as Unipesa would. */
export type LocalTransaction = {
  kind: 'c2b' | 'b2c'
  orderId: string
  transactionId: string
  transactionRef: string
  providerId: number
  customerId: string
  amount: number
  currency: string
  status: 1 | 2 | 3
  callbackUrl: string
  merchant: LocalMerchant
}

/** The customer ids each DR Congo provider accepts (the provider table's notes). */
const CUSTOMER_ID_FORMATS: Record<number, RegExp> = {
  9: /^243\d{9}$/,
  10: /^0\d{9}$/,
  14: /^\d{9,12}$/,
  17: /^\d{9}$/,
  19: /^0\d{9}$/,
}

const serviceDateTime = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '000')

async function readJson(request: IncomingMessage) {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
}

/**
 * A local Unipesa (Payment Gateway API v5.7.2) for tests and the browser e2e: `payment_c2b`, `payment_b2c`
 * and `status` under `/{public_id}/`, every request's signature checked, every callback signed. The
 * simulator (provider 14) stands for the customer's phone: `confirm()` plays the customer accepting, and
 * `autoConfirmMs` does it by itself. Tests can also send the callbacks an attacker would: forged,
 * replayed, stale, or for another amount.
 */
export class LocalUnipesa {
  readonly transactions = new Map<string, LocalTransaction>()
  /** Every callback body sent, in order, and the app's HTTP status for it. */
  readonly callbacks: Array<{ body: Record<string, unknown>; status: number }> = []
  /** What `/status` reports instead of the truth, per order (a gateway whose answer differs from the request). */
  readonly statusOverrides = new Map<
    string,
    Partial<Record<'amount' | 'currency' | 'order_id', unknown>>
  >()
  private server: Server | null = null
  url = ''

  constructor(
    private merchants: LocalMerchant[],
    private options: { autoConfirmMs?: number } = {}
  ) {}

  async start() {
    this.server = createServer((request, response) => {
      this.handle(request)
        .then(({ status, body }) => {
          response.writeHead(status, { 'content-type': 'application/json' })
          response.end(JSON.stringify(body))
        })
        .catch((failure: Error) => {
          response.writeHead(500, { 'content-type': 'application/json' })
          response.end(JSON.stringify({ result: { code: 500, message: failure.message } }))
        })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`
    return this
  }

  async stop() {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve()
    )
  }

  private answer(transaction: LocalTransaction) {
    const override = this.statusOverrides.get(transaction.orderId) ?? {}
    return {
      order_id: override.order_id ?? transaction.orderId,
      transaction_id: transaction.transactionId,
      transaction_ref: transaction.status === 2 ? transaction.transactionRef : '',
      status: transaction.status,
      amount: override.amount ?? transaction.amount,
      currency: override.currency ?? transaction.currency,
      result: { code: 0, message: 'OK' },
      provider_result: {
        code: transaction.status === 3 ? 1 : 0,
        message: transaction.status === 3 ? 'Declined' : 'Good',
      },
      service_date_time: serviceDateTime(new Date()),
    }
  }

  private refuse(status: number, code: number, message: string) {
    return { status, body: { result: { code, message } } }
  }

  private async handle(request: IncomingMessage) {
    const match = /^\/([^/]+)\/(payment_c2b|payment_b2c|status)$/.exec(request.url ?? '')
    if (request.method !== 'POST' || !match) return this.refuse(404, 404, 'Not found')
    const merchant = this.merchants.find((known) => known.publicId === decodeURIComponent(match[1]))
    if (!merchant) return this.refuse(401, 401, 'Unknown public id')
    const body = await readJson(request)
    if (
      body.merchant_id !== merchant.merchantId ||
      !hasValidUnipesaSignature(body, merchant.secretKey)
    )
      return this.refuse(401, 401, 'Invalid signature')
    const orderId = String(body.order_id ?? '')
    if (match[2] === 'status') {
      const transaction = this.transactions.get(orderId)
      if (!transaction) return this.refuse(404, 404, 'Transaction not found')
      return { status: 200, body: this.answer(transaction) }
    }
    const providerId = Number(body.provider_id)
    const format = CUSTOMER_ID_FORMATS[providerId]
    if (!format) return this.refuse(422, 422, 'Unknown provider')
    if (!format.test(String(body.customer_id))) return this.refuse(422, 422, 'Invalid customer_id')
    if (!['CDF', 'USD'].includes(String(body.currency)))
      return this.refuse(422, 422, 'Invalid currency')
    if (body.country !== 'CD') return this.refuse(422, 422, 'Invalid country')
    if (this.transactions.has(orderId)) return this.refuse(409, 409, 'Duplicate order_id')
    const transaction: LocalTransaction = {
      kind: match[2] === 'payment_c2b' ? 'c2b' : 'b2c',
      orderId,
      transactionId: String(randomInt(10_000_000, 99_999_999)),
      transactionRef: `MP${randomInt(100_000_000, 999_999_999)}`,
      providerId,
      customerId: String(body.customer_id),
      amount: Number(body.amount),
      currency: String(body.currency),
      status: 1,
      callbackUrl: String(body.callback_url),
      merchant,
    }
    this.transactions.set(orderId, transaction)
    if (this.options.autoConfirmMs !== undefined) {
      setTimeout(() => void this.confirm(orderId).catch(() => {}), this.options.autoConfirmMs)
    }
    return { status: 200, body: this.answer(transaction) }
  }

  /** The transaction of `orderId`; throws when the app never asked for it. */
  transaction(orderId: string) {
    const transaction = this.transactions.get(orderId)
    if (!transaction) throw new Error(`No transaction ${orderId} at the local Unipesa`)
    return transaction
  }

  /** The customer accepts on the phone (or the payout lands): the transaction succeeds and the callback leaves. */
  async confirm(orderId: string) {
    this.transaction(orderId).status = 2
    return this.sendCallback(orderId)
  }

  /** The customer declines (or lets it expire). */
  async decline(orderId: string) {
    this.transaction(orderId).status = 3
    return this.sendCallback(orderId)
  }

  /** Posts a callback for `orderId`: signed with the merchant's key unless `secretKey` says another, fields overridable. */
  async sendCallback(
    orderId: string,
    options: { overrides?: Record<string, unknown>; secretKey?: string; sentAt?: Date } = {}
  ) {
    const transaction = this.transaction(orderId)
    const body = signUnipesaPayload(
      {
        ...this.answer(transaction),
        amount: transaction.amount,
        currency: transaction.currency,
        order_id: transaction.orderId,
        service_date_time: serviceDateTime(options.sentAt ?? new Date()),
        ...options.overrides,
      },
      options.secretKey ?? transaction.merchant.secretKey
    )
    return this.post(transaction.callbackUrl, body)
  }

  /** Sends the last callback again, byte for byte. */
  async replayLastCallback() {
    const last = this.callbacks.at(-1)
    if (!last) throw new Error('No callback to replay')
    const transaction = [...this.transactions.values()].find(
      (candidate) => candidate.orderId === last.body.order_id
    )!
    return this.post(transaction.callbackUrl, last.body)
  }

  private async post(url: string, body: Record<string, unknown>) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify(body),
    })
    this.callbacks.push({ body, status: response.status })
    return { status: response.status, body: (await response.json().catch(() => null)) as unknown }
  }
}
