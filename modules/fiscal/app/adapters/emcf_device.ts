import {
  FiscalDeviceError,
  type FiscalCurrencyRate,
  type FiscalDevice,
  type FiscalDeviceStatus,
  type FiscalInvoice,
  type FiscalSignature,
  type FiscalTotals,
  type PendingFiscalInvoice,
} from '../ports/fiscal_device.ts'

/** Where and as whom the adapter talks to the e-MCF. */
export type EmcfOptions = {
  /** The API base, e.g. `https://<host>/api` (test or production). */
  baseUrl: string
  token: string
  nif: string
  isf: string
  timeoutMs?: number
}

type Body = Record<string, unknown>

/** A decimal string written into JSON as a number, digit for digit (never through a float). */
const number = (value: string) => (JSON as any).rawJSON(value) as unknown as number

/** Parses an answer keeping every number as its source text. */
function parse(text: string): unknown {
  return JSON.parse(text, (_key, value, context?: { source?: string }) =>
    typeof value === 'number' && context?.source ? context.source : value
  )
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value))

/** The e-MCF's error answer (`errorCode`, `errorDesc`) as a FiscalDeviceError. */
function deviceError(status: number, body: Body | null): FiscalDeviceError {
  const code = text(body?.errorCode)
  const message = text(body?.errorDesc) ?? `HTTP ${status}`
  if (status === 401 || status === 403) return new FiscalDeviceError('unauthorized', message, code)
  if (status === 404) return new FiscalDeviceError('not_found', message, code)
  if (status === 429) return new FiscalDeviceError('full', message, code)
  if (status >= 500) return new FiscalDeviceError('unreachable', message, code)
  return new FiscalDeviceError('rejected', message, code)
}

function totalsOf(body: Body): FiscalTotals {
  const total = text(body.total)
  const tax = text(body.vtotal)
  if (total === null || tax === null)
    throw new FiscalDeviceError('unreachable', 'The e-MCF answered without totals')
  return { total, tax }
}

function signatureOf(uid: string, body: Body): FiscalSignature {
  const fields = {
    dateTime: text(body.dateTime),
    qrContent: text(body.qrCode),
    dgiCode: text(body.codeDEFDGI),
    counters: text(body.counters),
    nim: text(body.nim),
  }
  for (const [name, value] of Object.entries(fields))
    if (!value) throw new FiscalDeviceError('unreachable', `The e-MCF answered without ${name}`)
  return { uid, ...(fields as Omit<FiscalSignature, 'uid'>) }
}

/**
 * The DGI's e-MCF over HTTP JSON with the taxpayer's Bearer token: `GET info/status`, `POST invoice`,
 * `PUT invoice/{uid}/confirm`, `PUT invoice/{uid}/cancel`, `GET invoice/{uid}`,
 * `GET info/currencyRates` (README: the document and version followed).
 */
export class EmcfDevice implements FiscalDevice {
  constructor(private options: EmcfOptions) {}

  private async call(method: string, path: string, body?: string): Promise<Body> {
    let response: Response
    try {
      response = await fetch(`${this.options.baseUrl.replace(/\/+$/, '')}/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        redirect: 'error',
      })
    } catch (error) {
      throw new FiscalDeviceError(
        'unreachable',
        `The e-MCF could not be reached: ${error instanceof Error ? error.message : String(error)}`
      )
    }
    let answer: Body | null = null
    try {
      const raw = await response.text()
      answer = raw ? (parse(raw) as Body) : {}
    } catch {
      answer = null
    }
    if (!response.ok) throw deviceError(response.status, answer)
    if (!answer || typeof answer !== 'object')
      throw new FiscalDeviceError('unreachable', 'The e-MCF did not answer JSON')
    if (answer.errorCode) throw deviceError(400, answer)
    return answer
  }

  async status(): Promise<FiscalDeviceStatus> {
    const body = await this.call('GET', 'info/status')
    if (body.tokenValid === false) throw new FiscalDeviceError('unauthorized', 'Token refused')
    const list = Array.isArray(body.pendingRequestsList) ? body.pendingRequestsList : []
    return {
      nif: text(body.nif) ?? '',
      nim: text(body.nim),
      serverDateTime: text(body.serverDateTime),
      pending: list.map((entry: Body) => ({ uid: String(entry.uid), date: text(entry.date) })),
    }
  }

  async submit(invoice: FiscalInvoice): Promise<PendingFiscalInvoice> {
    const body = JSON.stringify({
      nif: this.options.nif,
      rn: invoice.rn,
      mode: 'ht',
      isf: this.options.isf,
      type: invoice.type,
      items: invoice.items.map((item) => ({
        code: item.code,
        type: item.type,
        name: item.name,
        price: number(item.price),
        quantity: number(item.quantity),
        unit: item.unit,
        taxGroup: item.taxGroup,
        taxSpecificAmount: item.taxSpecificAmount ? number(item.taxSpecificAmount) : null,
      })),
      client: invoice.client,
      operator: invoice.operator,
      payment: invoice.payments.map((payment) => ({
        name: payment.type,
        amount: number(payment.amount),
        currencyCode: payment.currency,
        currencyRate: number(payment.rate),
      })),
      reference: invoice.reference,
      curCode: invoice.currency.code,
      curRate: number(invoice.currency.rate),
      curDate: invoice.currency.date,
    })
    const answer = await this.call('POST', 'invoice', body)
    const uid = text(answer.uid)
    if (!uid) throw new FiscalDeviceError('unreachable', 'The e-MCF answered without uid')
    return { uid, rn: text(answer.rn) ?? invoice.rn, totals: totalsOf(answer) }
  }

  async confirm(uid: string, totals: FiscalTotals): Promise<FiscalSignature> {
    const body = JSON.stringify({ total: number(totals.total), vtotal: number(totals.tax) })
    return signatureOf(
      uid,
      await this.call('PUT', `invoice/${encodeURIComponent(uid)}/confirm`, body)
    )
  }

  async cancel(uid: string): Promise<void> {
    await this.call('PUT', `invoice/${encodeURIComponent(uid)}/cancel`)
  }

  async find(uid: string): Promise<PendingFiscalInvoice | FiscalSignature | null> {
    let body: Body
    try {
      body = await this.call('GET', `invoice/${encodeURIComponent(uid)}`)
    } catch (error) {
      if (error instanceof FiscalDeviceError && error.kind === 'not_found') return null
      throw error
    }
    if (body.status === 'confirmed') return signatureOf(uid, body)
    return { uid, rn: text(body.rn), totals: totalsOf(body) }
  }

  async currencyRates(): Promise<FiscalCurrencyRate[]> {
    const body = await this.call('GET', 'info/currencyRates')
    const list = Array.isArray(body.rates) ? body.rates : []
    return list.map((entry: Body) => ({
      currency: String(entry.currencyCode),
      rate: String(entry.rate),
      date: String(entry.date),
    }))
  }
}
