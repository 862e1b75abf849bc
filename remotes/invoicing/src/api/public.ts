import { http, toApiError, type Schemas } from '@ia/sdk'

/** An issued document as its customer's link shows it. */
export type PublicDocument = Schemas['InvoicingPublicDocument']

const base = (token: string) => `/api/v1/public/invoicing/${encodeURIComponent(token)}`

/**
 * What a read of the document gave: the document, or `null` when it has not changed since `etag`, and
 * where to pay it online (a payment module's page) while it is open.
 */
export type PublicDocumentRead = {
  document: PublicDocument | null
  etag: string | null
  payUrl?: string | null
}

/**
 * Reads the document behind a customer's link. With the `etag` of the last read, an unchanged document
 * costs a 304 without a body: the page polls this way, as the live hub serves signed-in users only.
 */
export async function readPublicDocument(
  token: string,
  options: { etag?: string | null; locale: string; signal?: AbortSignal }
): Promise<PublicDocumentRead> {
  const response = await fetch(base(token), {
    headers: {
      'accept': 'application/json',
      'accept-language': options.locale,
      ...(options.etag ? { 'if-none-match': options.etag } : {}),
    },
    credentials: 'same-origin',
    signal: options.signal,
  })
  if (response.status === 304) return { document: null, etag: options.etag ?? null }
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) throw toApiError(response.status, body)
  const read = body as { document: PublicDocument; payUrl: string | null }
  return { document: read.document, etag: response.headers.get('etag'), payUrl: read.payUrl }
}

/** The customer accepts or refuses the quote; the same answer twice is one. */
export async function answerQuote(
  token: string,
  answer: 'accept' | 'refuse'
): Promise<PublicDocument> {
  return (await http.post<{ document: PublicDocument }>(`${base(token)}/${answer}`)).document
}

/** The address of the document's PDF, to view (`download` false) or to save. */
export function publicPdfUrl(token: string, locale: string, download = false): string {
  return `${base(token)}/pdf?lang=${locale}${download ? '&download=1' : ''}`
}
