import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { signedInOrganization } from '@ia/sdk/testing'
import {
  createCreditNote,
  invoiceFromQuote,
  documentPdfUrl,
  listDocuments,
  rateAt,
  recordPayment,
  reversePayment,
} from '../src/api/documents'
import { setProductArchived, updateInvoicingSettings } from '../src/api/catalogue'

type Call = { url: string; method: string; body: unknown; headers: Headers }

/** Answers every request with `respond(url)` as JSON (with `status`) and records each, headers included. */
function stubFetch(respond: (url: string) => unknown, status = 200): Call[] {
  const calls: Call[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({
        url,
        method: init.method ?? 'GET',
        body: init.body,
        headers: new Headers(init.headers),
      })
      if (url.endsWith('/auth/csrf')) return new Response(null, { status: 204 })
      return new Response(JSON.stringify(respond(url)), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    })
  )
  return calls
}

const writes = (calls: Call[]) => calls.filter((call) => !call.url.endsWith('/auth/csrf'))

describe('invoicing API', () => {
  beforeEach(() => signedInOrganization(42))
  afterEach(() => vi.unstubAllGlobals())

  it('lists one kind of document with only the filters set', async () => {
    const calls = stubFetch(() => ({ data: [], meta: { perPage: 50, total: 0, nextCursor: null } }))
    await listDocuments({ kind: 'quote', status: 'draft' })
    const url = new URL(calls[0]!.url, 'http://localhost')
    expect(url.pathname).toBe('/api/v1/orgs/42/invoicing/documents')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      kind: 'quote',
      perPage: '50',
      status: 'draft',
    })
  })

  it('records a payment against one invoice with its idempotency key', async () => {
    const calls = stubFetch(() => ({ payment: { id: 'p' } }))
    await recordPayment(
      {
        method: 'mobile_money',
        reference: 'MP-1',
        receivedOn: '2026-12-08',
        currency: 'USD',
        documentId: 'doc-1',
        amount: '10.00',
      },
      'key-1'
    )
    const [write] = writes(calls)
    expect(`${write!.method} ${write!.url}`).toBe('POST /api/v1/orgs/42/invoicing/payments')
    expect(write!.headers.get('Idempotency-Key')).toBe('key-1')
    expect(JSON.parse(String(write!.body))).toEqual({
      method: 'mobile_money',
      reference: 'MP-1',
      receivedOn: '2026-12-08',
      currency: 'USD',
      allocations: [{ documentId: 'doc-1', amount: '10.00' }],
    })
  })

  it('reverses a payment with its reason, credits an invoice in full, archives a product', async () => {
    const calls = stubFetch((url) =>
      url.includes('/payments/')
        ? { payment: { id: 'p' } }
        : url.includes('/products/')
          ? { product: { id: 'x' } }
          : { document: { id: 'c' } }
    )
    await reversePayment('p-1', 'Chèque rejeté', 'key-2')
    await createCreditNote('inv-1')
    await setProductArchived('x', true)
    await setProductArchived('x', false)
    const sent = writes(calls)
    expect(sent.map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST /api/v1/orgs/42/invoicing/payments/p-1/reverse',
      'POST /api/v1/orgs/42/invoicing/documents',
      'POST /api/v1/orgs/42/invoicing/products/x/archive',
      'POST /api/v1/orgs/42/invoicing/products/x/unarchive',
    ])
    expect(JSON.parse(String(sent[0]!.body))).toEqual({ reason: 'Chèque rejeté' })
    // No lines: the server copies all of the invoice's (a full credit note).
    expect(JSON.parse(String(sent[1]!.body))).toEqual({
      kind: 'credit_note',
      creditedDocumentId: 'inv-1',
    })
  })

  it('turns an accepted quote into a draft invoice by its own route', async () => {
    const calls = stubFetch(() => ({ document: { id: 'inv-9' } }))
    expect((await invoiceFromQuote('q-1')).id).toBe('inv-9')
    expect(writes(calls).map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST /api/v1/orgs/42/invoicing/quotes/q-1/invoice',
    ])
  })

  it('saves the default payment terms', async () => {
    const calls = stubFetch(() => ({ settings: { defaultPaymentTermsDays: 30 } }))
    expect(await updateInvoicingSettings({ defaultPaymentTermsDays: 30 })).toEqual({
      defaultPaymentTermsDays: 30,
    })
    expect(writes(calls)[0]!.method).toBe('PUT')
  })

  it('builds the PDF address to show or to download, in the language asked', () => {
    expect(documentPdfUrl('d-1', 'en')).toBe('/api/v1/orgs/42/invoicing/documents/d-1/pdf?lang=en')
    expect(documentPdfUrl('d-1', 'fr', true)).toBe(
      '/api/v1/orgs/42/invoicing/documents/d-1/pdf?lang=fr&download=1'
    )
  })

  it('asks no rate for a currency to itself and reads a missing rate as none', async () => {
    const calls = stubFetch(() => ({ errors: [{ code: 'E_RATE_NOT_FOUND', message: 'x' }] }), 422)
    expect(await rateAt('USD', 'USD', '2026-12-08')).toBeNull()
    expect(calls).toHaveLength(0)
    expect(await rateAt('USD', 'CDF', '2026-12-08')).toBeNull()
    expect(calls).toHaveLength(1)
  })
})
