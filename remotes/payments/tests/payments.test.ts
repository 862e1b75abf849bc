import { sdkMessages, type Schemas } from '@ia/sdk'
import { mountPage, signedInOrganization, stubFetch } from '@ia/sdk/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import module from '../src/module'
import PayoutsPanel from '../src/components/PayoutsPanel.vue'
import RequestsPanel from '../src/components/RequestsPanel.vue'
import PublicPage from '../src/public/PublicPage.vue'

const request: Schemas['PaymentsRequest'] = {
  id: 'r1',
  documentId: 'd1',
  documentNumber: 'FA-2026-0007',
  orderId: 'o1',
  providerId: 9,
  phone: '+243 812 345 678',
  amount: '25000.00',
  currency: 'CDF',
  status: 'paid',
  operatorReference: 'MP123456',
  invoicingPaymentId: 'p1',
  failure: null,
  settledAt: '2026-12-08T10:00:00.000Z',
  createdAt: '2026-12-08T09:59:00.000Z',
}

const payout = (fields: Partial<Schemas['PaymentsPayout']>): Schemas['PaymentsPayout'] => ({
  id: 'p1',
  orderId: 'o2',
  beneficiaryName: 'Transports Lukusa',
  providerId: 17,
  phone: '+243 971 234 567',
  amount: '150000.00',
  currency: 'CDF',
  reason: 'Livraison',
  status: 'awaiting_approval',
  requestedBy: 'someone-else',
  decidedBy: null,
  decidedAt: null,
  operatorReference: null,
  failure: null,
  createdAt: '2026-12-08T09:00:00.000Z',
  ...fields,
})

describe('payments screens', () => {
  beforeEach(() => signedInOrganization(42, 'admin'))
  afterEach(() => vi.unstubAllGlobals())

  it('lists the collections with their state and the operator reference', async () => {
    const calls = stubFetch(() => ({ data: [request] }))
    const page = await mountPage(RequestsPanel, module, 'fr')
    expect(calls.map((call) => call.url)).toEqual(['/api/v1/orgs/42/payments/requests'])
    expect(page.text()).toContain('FA-2026-0007')
    expect(page.text()).toContain('M-Pesa')
    expect(page.text()).toContain('Payé')
    expect(page.text()).toContain('MP123456')
  })

  it('offers approval only of payouts someone else asked for', async () => {
    stubFetch(() => ({ data: [payout({ id: 'a' }), payout({ id: 'b', requestedBy: 'me' })] }))
    const session = signedInOrganization(42, 'admin')
    session.user = { id: 'me' } as typeof session.user
    const page = await mountPage(PayoutsPanel, module, 'en')
    const approveButtons = page.findAll('button').filter((button) => button.text() === 'Approve')
    expect(approveButtons).toHaveLength(1)
    expect(page.text()).toContain('Waiting for someone else')
  })
})

describe('payment page for customers', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('sends the chosen operator and phone, then follows the request until it is paid', async () => {
    vi.useFakeTimers()
    signedInOrganization(42)
    let status = 'pending'
    const calls = stubFetch((url, method) => {
      if (method === 'POST')
        return {
          request: {
            id: 'r1',
            providerId: 14,
            amount: '25000.00',
            currency: 'CDF',
            status: 'pending',
            operatorReference: null,
          },
        }
      if (url.includes('/requests/r1'))
        return {
          request: {
            id: 'r1',
            providerId: 14,
            amount: '25000.00',
            currency: 'CDF',
            status,
            operatorReference: status === 'paid' ? 'MP42' : null,
          },
        }
      return {
        invoice: {
          number: 'FA-2026-0007',
          sellerName: 'Kin Commerce',
          customerName: 'Brasserie',
          currency: 'CDF',
          total: '25000.00',
          balance: status === 'paid' ? '0.00' : '25000.00',
          payable: status !== 'paid',
        },
        operators: [
          { providerId: 9, name: 'M-Pesa (Vodacom)', simulator: false },
          { providerId: 14, name: 'Unipesa Simulator', simulator: true },
        ],
        request: null,
      }
    })
    const messages = {
      fr: { ...module.messages.fr, ...sdkMessages.fr },
      en: { ...module.messages.en, ...sdkMessages.en },
    }
    const page = mount(PublicPage, {
      props: { token: 'tok' },
      global: {
        plugins: [createI18n({ legacy: false, locale: 'en', fallbackLocale: 'fr', messages })],
      },
    })
    await flushPromises()
    expect(page.text()).toContain('Pay invoice FA-2026-0007')
    await page.findAll('input[type=radio]')[1].setValue(true)
    await page.find('input[type=tel]').setValue('081 234 5678')
    await page.find('form').trigger('submit')
    await flushPromises()
    const sent = calls.find((call) => call.method === 'POST')!
    expect(sent.url).toBe('/api/v1/public/payments/tok/requests')
    expect(JSON.parse(String(sent.body))).toEqual({ providerId: 14, phone: '081 234 5678' })
    expect(page.text()).toContain('Confirm the payment on your phone (Unipesa Simulator)')

    status = 'paid'
    await vi.advanceTimersByTimeAsync(3_100)
    await flushPromises()
    expect(page.text()).toContain('Payment received. Operator reference: MP42')
    // Once paid, the page says so and shows what was paid, not an emptied "left to pay".
    expect(page.text()).toContain('Invoice FA-2026-0007 paid')
    expect(page.text()).toContain('Amount paid')
    expect(page.text()).not.toContain('Left to pay')
    expect(page.find('form').exists()).toBe(false)
  })

  it('an invoice already settled shows its total and no form', async () => {
    stubFetch(() => ({
      invoice: {
        number: 'FA-2026-0008',
        sellerName: 'Kin Commerce',
        customerName: 'Brasserie',
        currency: 'CDF',
        total: '12000.00',
        balance: '0.00',
        payable: false,
      },
      operators: [{ providerId: 14, name: 'Unipesa Simulator', simulator: true }],
      request: null,
    }))
    const page = mount(PublicPage, {
      props: { token: 'tok' },
      global: {
        plugins: [
          createI18n({
            legacy: false,
            locale: 'fr',
            messages: { fr: { ...module.messages.fr, ...sdkMessages.fr } },
          }),
        ],
      },
    })
    await flushPromises()
    expect(page.text()).toContain('Facture FA-2026-0008 payée')
    expect(page.text()).toContain('Total de la facture')
    expect(page.text()).toContain('Cette facture est entièrement payée')
    expect(page.find('form').exists()).toBe(false)
  })
})
