import { useApi, type Schemas, type WireBody, type WireOperation } from '@ia/sdk'

/** A document as lists show it. */
export type DocumentSummary = Schemas['InvoicingDocumentSummary']
/** A document with its lines and totals. */
export type InvoicingDocument = Schemas['InvoicingDocument']
/** What a draft would total, computed by the server. */
export type DocumentTotals = Schemas['InvoicingTotals']
/** The statuses a document shows. */
export type DocumentStatus = DocumentSummary['status']

/** The filters and cursor of a page of invoices. */
export type DocumentListParams = {
  status?: DocumentStatus
  q?: string
  cursor?: string
  perPage?: number
}

/** One keyset page of the organisation's invoices, newest first. */
export async function listInvoices(params: DocumentListParams, signal?: AbortSignal) {
  return useApi().get('/invoicing/documents', {
    query: {
      kind: 'invoice',
      perPage: params.perPage ?? 50,
      status: params.status,
      q: params.q || undefined,
      cursor: params.cursor,
    },
    signal,
  })
}

type CreateBody = WireBody<WireOperation<'post', '/invoicing/documents'>>
/** A draft invoice as the editor sends it (the create request without its kind). */
export type DraftInput = Omit<CreateBody, 'kind' | 'lines'> & {
  customerId: string
  lines: NonNullable<CreateBody['lines']>
}
/** A DGI tax group letter, A to P. */
export type TaxGroupCode = NonNullable<DraftInput['lines'][number]['taxGroup']>

/** The totals the draft would have (the server's rounding), stored nowhere. */
export async function previewInvoice(
  input: DraftInput,
  signal?: AbortSignal
): Promise<DocumentTotals> {
  return (
    await useApi().post('/invoicing/documents/preview', {
      body: { kind: 'invoice', ...input },
      signal,
    })
  ).totals
}

/** Saves a draft invoice. */
export async function createInvoice(input: DraftInput): Promise<InvoicingDocument> {
  return (await useApi().post('/invoicing/documents', { body: { kind: 'invoice', ...input } }))
    .document
}

/** The wire's decimal string ("1500.00", exactly the currency's digits) as the minor units the UI kit formats. */
export function minorOf(amount: string): string {
  return amount.replace('.', '')
}

/** Issues a draft; the key makes a retry after a lost answer safe (one number, one invoice). */
export async function issueInvoice(id: string, idempotencyKey: string): Promise<InvoicingDocument> {
  return (
    await useApi().post('/invoicing/documents/{documentId}/issue', {
      path: { documentId: id },
      headers: { 'Idempotency-Key': idempotencyKey },
    })
  ).document
}

/** Customers whose name matches, for the customer picker. */
export async function searchCustomers(q: string, signal: AbortSignal) {
  const page = await useApi().get('/contacts', {
    query: { q, role: 'customer', paging: 'cursor', perPage: 10 },
    signal,
  })
  return page.data.map((contact) => ({ value: contact.id, label: contact.name }))
}

/** The currencies the organisation uses, its default first. */
export async function organizationCurrencies(): Promise<string[]> {
  return (await useApi().get('/currencies/settings')).settings.currencies.map(
    (currency) => currency.code
  )
}

/** The DGI tax groups with the rate valid today. */
export async function taxGroups() {
  return (await useApi().get('/invoicing/tax-groups')).data
}
