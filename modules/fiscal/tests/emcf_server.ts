/*
 * A local e-MCF speaking the protocol the adapter follows (README: the document and version), with the
 * rules the tests need to meet: the Bearer token, at most ten pending invoices per device, a pending
 * invoice dropped after a while, the totals computed by the server itself, a down mode, and a
 * connection cut after a POST it did record (the process of the caller "dies" before it reads the uid).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Decimal } from '@ia/kernel/contracts'

/** The group rates of the server's own table (the DGI's since the 2026 finance law). */
export const EMCF_TAX_RATES: Record<string, string> = {
  A: '0',
  B: '16',
  C: '5',
  D: '0',
  E: '0',
  F: '16',
  G: '5',
  H: '0',
  I: '0',
  J: '0',
  K: '0',
  L: '0',
  M: '16',
  N: '16',
  O: '1',
  P: '1',
}
const NIF_REQUIRED = new Set(['PM', 'PC', 'PL'])
const MAX_PENDING = 10

type Json = Record<string, any>
type Pending = { uid: string; rn: string; type: string; total: string; vtotal: string; at: number }
type Confirmed = Pending & {
  dateTime: string
  qrCode: string
  codeDEFDGI: string
  counters: string
}

/** The options a test changes while the server runs. */
export type EmcfServerOptions = {
  token: string
  nif: string
  isf: string
  nim: string
  /** How long a pending invoice is kept (about two minutes in the real e-MCF). */
  pendingTtlMs: number
  /** Answers 503 to everything. */
  down: boolean
  /** Records the next POST, then cuts the connection without answering. */
  cutAfterNextPost: boolean
  /** Overrides of the group rates (a device whose table differs from ours); a null rate: unknown group. */
  rates: Record<string, string | null>
  /** 1 USD = this many CDF (`/info/currencyRates`). */
  usdRate: string
}

function parse(text: string): Json {
  return JSON.parse(text, (_key, value, context?: { source?: string }) =>
    typeof value === 'number' && context?.source ? context.source : value
  )
}

/** A decimal string written into JSON as a number, digit for digit. */
const rawNumber = (value: string) => (JSON as any).rawJSON(value) as number
const round = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
const pad = (value: number) => String(value).padStart(2, '0')

/** The local e-MCF; `start()` listens on a free port and answers its base URL. */
export class EmcfServer {
  options: EmcfServerOptions
  readonly pending = new Map<string, Pending>()
  readonly confirmed = new Map<string, Confirmed>()
  /** Every invoice body received, in order. */
  readonly received: Json[] = []
  /** The most invoices the device held pending at once. */
  maxPendingSeen = 0
  private counter = 0
  private server: Server | null = null

  constructor(options: Partial<EmcfServerOptions> = {}) {
    this.options = {
      token: 'jeton-emcf-de-test',
      nif: 'A1234567B',
      isf: 'ISF-TEST-001',
      nim: 'NIM-CD-0001',
      pendingTtlMs: 120_000,
      down: false,
      cutAfterNextPost: false,
      rates: {},
      usdRate: '2850.5',
      ...options,
    }
  }

  async start() {
    this.server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => (body += chunk))
      request.on('end', () => this.handle(request, body, response))
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`
  }

  async stop() {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve()
    )
  }

  /** A pending invoice made by another till of the same device (not ours). */
  holdForeignPending(count: number) {
    for (let index = 0; index < count; index++) {
      const uid = randomUUID()
      this.pending.set(uid, {
        uid,
        rn: `CAISSE-${index}`,
        type: 'FV',
        total: '1.00',
        vtotal: '0.00',
        at: Date.now(),
      })
    }
  }

  /** Drops every pending invoice, as the device does when their two minutes are over. */
  expireAllPending() {
    this.pending.clear()
  }

  private expire() {
    const limit = Date.now() - this.options.pendingTtlMs
    for (const [uid, entry] of this.pending) if (entry.at < limit) this.pending.delete(uid)
  }

  private rate(group: string) {
    return group in this.options.rates ? this.options.rates[group] : (EMCF_TAX_RATES[group] ?? null)
  }

  private handle(request: IncomingMessage, raw: string, response: ServerResponse) {
    const send = (status: number, body: Json) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    const fail = (status: number, errorCode: string, errorDesc: string) =>
      send(status, { errorCode, errorDesc })
    if (this.options.down) return fail(503, 'UNAVAILABLE', 'Service indisponible')
    if (request.headers.authorization !== `Bearer ${this.options.token}`)
      return fail(401, 'TOKEN', 'Jeton invalide ou expiré')
    this.expire()
    const path = (request.url ?? '').replace(/^\/api/, '').split('?')[0]
    const match = path.match(/^\/invoice\/([^/]+)(?:\/(confirm|cancel))?$/)
    if (request.method === 'GET' && path === '/info/status') {
      return send(200, {
        status: true,
        version: '1.0',
        nif: this.options.nif,
        nim: this.options.nim,
        tokenValid: true,
        serverDateTime: new Date().toISOString(),
        pendingRequestsCount: this.pending.size,
        pendingRequestsList: [...this.pending.values()].map((entry) => ({
          uid: entry.uid,
          date: new Date(entry.at).toISOString(),
        })),
      })
    }
    if (request.method === 'GET' && path === '/info/currencyRates') {
      return send(200, {
        rates: [
          {
            currencyCode: 'USD',
            rate: rawNumber(this.options.usdRate),
            date: new Date().toISOString().slice(0, 10),
          },
        ],
      })
    }
    if (request.method === 'POST' && path === '/invoice') {
      let invoice: Json
      try {
        invoice = parse(raw)
      } catch {
        return fail(400, 'JSON', 'Corps illisible')
      }
      return this.submit(invoice, send, fail, request)
    }
    if (match && request.method === 'GET' && !match[2]) {
      const found = this.pending.get(match[1]) ?? this.confirmed.get(match[1])
      if (!found) return fail(404, 'UID', 'Facture inconnue')
      if ('codeDEFDGI' in found)
        return send(200, { ...found, status: 'confirmed', nim: this.options.nim })
      return send(200, {
        uid: found.uid,
        rn: found.rn,
        status: 'pending',
        total: rawNumber(found.total),
        vtotal: rawNumber(found.vtotal),
      })
    }
    if (match && request.method === 'PUT' && match[2]) {
      const entry = this.pending.get(match[1])
      if (!entry) return fail(404, 'UID', 'Aucune facture en attente sous cet identifiant')
      if (match[2] === 'cancel') {
        this.pending.delete(entry.uid)
        return send(200, { uid: entry.uid, status: 'cancelled' })
      }
      let totals: Json
      try {
        totals = parse(raw || '{}')
      } catch {
        return fail(400, 'JSON', 'Corps illisible')
      }
      if (
        !new Decimal(String(totals.total ?? 'NaN')).equals(entry.total) ||
        !new Decimal(String(totals.vtotal ?? 'NaN')).equals(entry.vtotal)
      )
        return fail(400, 'TOTALS', 'Les totaux ne correspondent pas à ceux du e-MCF')
      return send(200, this.confirm(entry))
    }
    return fail(404, 'ROUTE', 'Ressource inconnue')
  }

  private submit(
    invoice: Json,
    send: (status: number, body: Json) => void,
    fail: (status: number, code: string, text: string) => void,
    request: IncomingMessage
  ) {
    this.received.push(invoice)
    if (invoice.nif !== this.options.nif || invoice.isf !== this.options.isf)
      return fail(400, 'NIF', 'NIF ou ISF différent de ceux du dispositif')
    if (!['FV', 'FT', 'FA', 'EV', 'ET', 'EA'].includes(invoice.type))
      return fail(400, 'TYPE', 'Type de facture inconnu')
    if (['FA', 'EA'].includes(invoice.type) && String(invoice.reference ?? '').length !== 24)
      return fail(
        400,
        'REFERENCE',
        'Un avoir porte le code DEF de la facture d’origine (24 caractères)'
      )
    const client = invoice.client ?? {}
    if (!['PP', 'PM', 'PC', 'PL', 'AO'].includes(client.type))
      return fail(400, 'CLIENT_TYPE', 'Type de client inconnu')
    if (NIF_REQUIRED.has(client.type) && !client.nif)
      return fail(400, 'CLIENT_NIF', `Le NIF du client est obligatoire pour le type ${client.type}`)
    if (!Array.isArray(invoice.items) || !invoice.items.length)
      return fail(400, 'ITEMS', 'La facture n’a aucun article')
    if (this.pending.size >= MAX_PENDING)
      return fail(429, 'PENDING_LIMIT', 'Dix factures en attente : confirmez ou annulez-en une')
    const bases = new Map<string, Decimal>()
    let specific = new Decimal(0)
    for (const item of invoice.items) {
      const rate = this.rate(item.taxGroup)
      if (rate === null)
        return fail(400, 'TAX_GROUP', `Groupe de taxation inconnu : ${item.taxGroup}`)
      if (item.type === 'TAX' && !['L', 'N'].includes(item.taxGroup))
        return fail(400, 'TAX_ITEM', 'Un article TAX est du groupe L ou N')
      const line = round(new Decimal(String(item.price)).times(String(item.quantity)))
      bases.set(item.taxGroup, (bases.get(item.taxGroup) ?? new Decimal(0)).plus(line))
      if (item.taxSpecificAmount) specific = specific.plus(String(item.taxSpecificAmount))
    }
    let base = new Decimal(0)
    let tax = specific
    for (const [group, amount] of bases) {
      base = base.plus(amount)
      tax = tax.plus(round(amount.times(this.rate(group)!).div(100)))
    }
    const entry: Pending = {
      uid: randomUUID(),
      rn: String(invoice.rn),
      type: invoice.type,
      total: base.plus(tax).toFixed(2),
      vtotal: tax.toFixed(2),
      at: Date.now(),
    }
    this.pending.set(entry.uid, entry)
    this.maxPendingSeen = Math.max(this.maxPendingSeen, this.pending.size)
    if (this.options.cutAfterNextPost) {
      this.options.cutAfterNextPost = false
      request.socket.destroy()
      return
    }
    send(200, {
      uid: entry.uid,
      rn: entry.rn,
      total: rawNumber(entry.total),
      vtotal: rawNumber(entry.vtotal),
    })
  }

  private confirm(entry: Pending) {
    this.pending.delete(entry.uid)
    this.counter++
    const now = new Date()
    const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`
    const code = randomUUID().replace(/-/g, '').toUpperCase().slice(0, 24)
    const confirmed: Confirmed = {
      ...entry,
      dateTime: `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`,
      qrCode: `F;${this.options.nim};${code};${this.options.nif};${stamp}`,
      codeDEFDGI: code,
      counters: `${this.counter}/${this.counter} ${entry.type}`,
    }
    this.confirmed.set(entry.uid, confirmed)
    return {
      dateTime: confirmed.dateTime,
      qrCode: confirmed.qrCode,
      codeDEFDGI: confirmed.codeDEFDGI,
      counters: confirmed.counters,
      nim: this.options.nim,
    }
  }
}
