import { useApi, type Schemas, type WireBody, type WireOperation } from '@ia/sdk'

/** A mobile-money payment asked of a customer. */
export type PaymentRequest = Schemas['PaymentsRequest']
/** A payout to a supplier's phone. */
export type Payout = Schemas['PaymentsPayout']
/** The gateway account, without its key. */
export type GatewaySettings = Schemas['PaymentsSettings']
/** An operator the gateway reaches. */
export type Operator = Schemas['PaymentsOperator']
/** A line of the operator log. */
export type GatewayEvent = Schemas['PaymentsGatewayEvent']
/** What the settings form sends. */
export type SettingsInput = WireBody<WireOperation<'put', '/payments/settings'>>
/** What the payout form sends. */
export type PayoutInput = WireBody<WireOperation<'post', '/payments/payouts'>>

export async function listPaymentRequests(signal?: AbortSignal) {
  return (await useApi().get('/payments/requests', { query: {}, signal })).data
}

export async function listPayouts(signal?: AbortSignal) {
  return (await useApi().get('/payments/payouts', { query: {}, signal })).data
}

export async function listGatewayEvents(signal?: AbortSignal) {
  return (await useApi().get('/payments/gateway-events', { query: {}, signal })).data
}

export async function getSettings() {
  return useApi().get('/payments/settings')
}

export async function saveSettings(input: SettingsInput) {
  return (await useApi().put('/payments/settings', { body: input })).settings
}

export async function checkSettings() {
  return useApi().post('/payments/settings/check')
}

export async function requestPayout(input: PayoutInput) {
  return (await useApi().post('/payments/payouts', { body: input })).payout
}

export async function decidePayout(id: string, decision: 'approve' | 'reject') {
  const api = useApi()
  const answer =
    decision === 'approve'
      ? await api.post('/payments/payouts/{payoutId}/approve', { path: { payoutId: id } })
      : await api.post('/payments/payouts/{payoutId}/reject', { path: { payoutId: id } })
  return answer.payout
}

/** The wire's decimal string ("1500.00") as the minor units the UI kit formats. */
export function minorOf(amount: string): string {
  return amount.replace('.', '')
}

/** The status chips' tones. */
export const REQUEST_TONES = {
  pending: 'warning',
  paid: 'success',
  failed: 'neutral',
  disputed: 'danger',
} as const satisfies Record<PaymentRequest['status'], string>

export const PAYOUT_TONES = {
  awaiting_approval: 'warning',
  rejected: 'neutral',
  sending: 'info',
  sent: 'info',
  paid: 'success',
  failed: 'danger',
} as const satisfies Record<Payout['status'], string>
