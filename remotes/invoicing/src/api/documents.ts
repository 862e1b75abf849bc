import { useApi, type Schemas, type WireBody, type WireOperation } from '@ia/sdk'

/** A document as lists show it. */
export type DocumentSummary = Schemas['InvoicingDocumentSummary']
/** A document with its lines and totals. */
export type InvoicingDocument = Schemas['InvoicingDocument']
/** What a draft would total, computed by the server. */
export type DocumentTotals = Schemas['InvoicingTotals']
/** The statuses a document shows. */
export type DocumentStatus = DocumentSummary['status']
/** Quote, invoice or credit note. */
export type DocumentKind = DocumentSummary['kind']
/** A payment with its parts. */
export type Payment = Schemas['InvoicingPayment']
/** How the money came in. */
export type PaymentMethod = Payment['method']

/** The filters and cursor of a page of documents. */
export type DocumentListParams = {
  kind: DocumentKind
  status?: DocumentStatus
  q?: string
  cursor?: string
  perPage?: number
}

/** One keyset page of the organisation's documents of one kind, newest first. */
export async function listDocuments(params: DocumentListParams, signal?: AbortSignal) {
  return useApi().get('/invoicing/documents', {
    query: {
      kind: params.kind,
      perPage: params.perPage ?? 50,
      status: params.status,
      q: params.q || undefined,
      cursor: params.cursor,
    },
    signal,
  })
}

type CreateBody = WireBody<WireOperation<'post', '/invoicing/documents'>>
/** A draft as the editor sends it (the create request without its kind). */
export type DraftInput = Omit<CreateBody, 'kind' | 'lines' | 'validUntil'> & {
  lines: NonNullable<CreateBody['lines']>
  // The generated type reads the nullable date as null only; the API takes YYYY-MM-DD or null.
  validUntil?: string | null
}
/** One line of a draft as sent. */
export type DraftLine = DraftInput['lines'][number]
/** A DGI tax group letter, A to P. */
export type TaxGroupCode = NonNullable<DraftLine['taxGroup']>

/** The totals the draft would have (the server's rounding), stored nowhere. */
export async function previewDocument(
  kind: DocumentKind,
  input: DraftInput,
  signal?: AbortSignal
): Promise<DocumentTotals> {
  return (
    await useApi().post('/invoicing/documents/preview', {
      body: { kind, ...input } as CreateBody,
      signal,
    })
  ).totals
}

/** Saves a new draft of `kind`. */
export async function createDocument(
  kind: DocumentKind,
  input: DraftInput
): Promise<InvoicingDocument> {
  return (await useApi().post('/invoicing/documents', { body: { kind, ...input } as CreateBody }))
    .document
}

/** A draft credit note for an issued invoice: all of its lines, or the ones given (a partial credit). */
export async function createCreditNote(
  invoiceId: string,
  lines?: DraftInput['lines']
): Promise<InvoicingDocument> {
  return (
    await useApi().post('/invoicing/documents', {
      body: { kind: 'credit_note', creditedDocumentId: invoiceId, ...(lines ? { lines } : {}) },
    })
  ).document
}

/** Replaces a draft's fields and lines. */
export async function updateDocument(
  id: string,
  input: Partial<DraftInput>
): Promise<InvoicingDocument> {
  return (
    await useApi().patch('/invoicing/documents/{documentId}', {
      path: { documentId: id },
      body: input as WireBody<WireOperation<'patch', '/invoicing/documents/{documentId}'>>,
    })
  ).document
}

/** The draft invoice made from an accepted quote, in one transaction; asked again, the same one. */
export async function invoiceFromQuote(quoteId: string): Promise<InvoicingDocument> {
  return (await useApi().post('/invoicing/quotes/{quoteId}/invoice', { path: { quoteId } }))
    .document
}

/** Deletes a draft (an issued document is never deleted). */
export async function deleteDocument(id: string): Promise<void> {
  await useApi().delete('/invoicing/documents/{documentId}', { path: { documentId: id } })
}

/** One document with its lines, totals per tax group, rate and timeline. */
export async function getDocument(id: string, signal?: AbortSignal): Promise<InvoicingDocument> {
  return (
    await useApi().get('/invoicing/documents/{documentId}', { path: { documentId: id }, signal })
  ).document
}

/** Issues a draft; the key makes a retry after a lost answer safe (one number, one document). */
export async function issueDocument(
  id: string,
  idempotencyKey: string
): Promise<InvoicingDocument> {
  return (
    await useApi().post('/invoicing/documents/{documentId}/issue', {
      path: { documentId: id },
      headers: { 'Idempotency-Key': idempotencyKey },
    })
  ).document
}

/** What the send dialog asks: the address (else the customer's), the language, a message. */
export type SendInput = { to?: string; lang?: 'fr' | 'en'; message?: string }

/** Emails the document with its PDF (issuing a draft first). */
export async function sendDocument(
  id: string,
  input: SendInput,
  idempotencyKey: string
): Promise<InvoicingDocument> {
  return (
    await useApi().post('/invoicing/documents/{documentId}/send', {
      path: { documentId: id },
      body: input,
      headers: { 'Idempotency-Key': idempotencyKey },
    })
  ).document
}

/** The PDF's address, shown in the page (`download` false) or saved. */
export function documentPdfUrl(id: string, lang: 'fr' | 'en', download = false): string {
  return useApi().url(
    '/invoicing/documents/{documentId}/pdf',
    { lang, ...(download ? { download: '1' as const } : {}) },
    { documentId: id }
  )
}

/** The payments that settled an invoice, reversed ones included, newest first. */
export async function documentPayments(id: string, signal?: AbortSignal): Promise<Payment[]> {
  return (
    await useApi().get('/invoicing/documents/{documentId}/payments', {
      path: { documentId: id },
      signal,
    })
  ).data
}

/** A payment as the dialog records it against one invoice. */
export type PaymentInput = {
  method: PaymentMethod
  reference: string | null
  receivedOn: string
  currency: string
  documentId: string
  amount: string
}

/** Records a payment against one invoice; the key makes a retry safe. */
export async function recordPayment(input: PaymentInput, idempotencyKey: string): Promise<Payment> {
  const { documentId, amount, ...payment } = input
  return (
    await useApi().post('/invoicing/payments', {
      body: { ...payment, allocations: [{ documentId, amount }] },
      headers: { 'Idempotency-Key': idempotencyKey },
    })
  ).payment
}

/** Reverses a payment, saying why (it is never deleted). */
export async function reversePayment(
  id: string,
  reason: string,
  idempotencyKey: string
): Promise<Payment> {
  return (
    await useApi().post('/invoicing/payments/{paymentId}/reverse', {
      path: { paymentId: id },
      body: { reason },
      headers: { 'Idempotency-Key': idempotencyKey },
    })
  ).payment
}

/** Customers whose name matches, for the customer picker. */
export async function searchCustomers(q: string, signal: AbortSignal) {
  const page = await useApi().get('/contacts', {
    query: { q, role: 'customer', paging: 'cursor', perPage: 10 },
    signal,
  })
  return page.data.map((contact) => ({
    value: contact.id,
    label: contact.name,
    description: [contact.city, contact.preferredCurrency].filter(Boolean).join(' · '),
  }))
}

/** The currencies the organisation uses, its default and its reporting currency. */
export async function organizationCurrencies() {
  const { settings } = await useApi().get('/currencies/settings')
  return {
    codes: settings.currencies.map((currency) => currency.code),
    defaultCurrency: settings.defaultCurrency,
    reporting: settings.reportingCurrency,
  }
}

/**
 * The rate between two currencies on `date` (the nearest earlier one), or null when none is known.
 * It is given the way people quote it: 1 of the stronger currency (1 USD = 2 850 CDF, not 1 CDF = 0.00035 USD).
 */
export async function quotedRate(a: string, b: string, date: string, signal?: AbortSignal) {
  const rate = await rateAt(a, b, date, signal)
  if (!rate || !rate.rate.startsWith('0.')) return rate
  return rateAt(b, a, date, signal)
}

/** The rate from `from` to `to` on `date` (the nearest earlier one), or null when none is known. */
export async function rateAt(from: string, to: string, date: string, signal?: AbortSignal) {
  if (from === to) return null
  try {
    return (await useApi().get('/currencies/rates/at', { query: { from, to, date }, signal })).rate
  } catch (failure) {
    if ((failure as { status?: number }).status === 422) return null
    throw failure
  }
}
