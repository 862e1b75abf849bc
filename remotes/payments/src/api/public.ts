import { http, toApiError, type Schemas } from '@ia/sdk'

/** A request as the customer's page shows it. */
export type PublicRequest = Schemas['PaymentsPublicRequest']
/** What the payment page shows: the invoice, the operators offered, the latest request. */
export type PaymentPage = {
  invoice: {
    number: string
    sellerName: string
    customerName: string
    currency: string
    total: string
    balance: string
    payable: boolean
  }
  operators: Schemas['PaymentsOperator'][]
  request: PublicRequest | null
}

const base = (token: string) => `/api/v1/public/payments/${encodeURIComponent(token)}`

async function read<T>(url: string, locale: string): Promise<T> {
  const response = await fetch(url, {
    headers: { 'accept': 'application/json', 'accept-language': locale },
    credentials: 'same-origin',
  })
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) throw toApiError(response.status, body)
  return body as T
}

/** The invoice behind a payment link. */
export function readPaymentPage(token: string, locale: string) {
  return read<PaymentPage>(base(token), locale)
}

/** The customer asks their phone to pay. */
export async function payWithPhone(token: string, input: { providerId: number; phone: string }) {
  return (await http.post<{ request: PublicRequest }>(`${base(token)}/requests`, input)).request
}

/** Where the request stands now (the server asks the gateway when it is pending). */
export async function readRequest(token: string, requestId: string, locale: string) {
  return (
    await read<{ request: PublicRequest }>(
      `${base(token)}/requests/${encodeURIComponent(requestId)}`,
      locale
    )
  ).request
}
