import { uiMessages } from '@ia/ui'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import QuickExpense from '../src/components/QuickExpense.vue'
import type { Category, TreasuryAccount } from '../src/api/treasury'
import en from '../src/locales/en.json'
import fr from '../src/locales/fr.json'
import { signedInOrganization, stubFetch } from '@ia/sdk/testing'

const cash: TreasuryAccount = {
  id: 'acc-1',
  kind: 'cash',
  provider: null,
  name: 'Caisse',
  currency: 'CDF',
  accountCode: '571101',
  bankName: null,
  accountNumber: null,
  openingBalance: '0.00',
  openingDate: '2026-01-01',
  balance: '100000.00',
  receivesPayments: true,
  archived: false,
}
const categories: Category[] = [
  {
    id: 'cat-rent',
    kind: 'expense',
    key: 'rent',
    name: { fr: 'Loyer', en: 'Rent' },
    accountCode: '6222',
  },
  {
    id: 'cat-sales',
    kind: 'income',
    key: 'sales',
    name: { fr: 'Ventes', en: 'Sales' },
    accountCode: '7011',
  },
]

function mountForm(locale = 'fr') {
  return mount(QuickExpense, {
    props: { accounts: [cash], categories },
    global: {
      plugins: [
        createI18n({
          legacy: false,
          locale,
          messages: { fr: { ...fr, ...uiMessages.fr }, en: { ...en, ...uiMessages.en } },
        }),
      ],
    },
  })
}

describe('QuickExpense', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('offers only expense categories, in the reader language', async () => {
    signedInOrganization()
    stubFetch()
    const wrapper = mountForm('en')
    await flushPromises()
    const chips = wrapper.findAll('.finance-chip').map((chip) => chip.text())
    expect(chips).toEqual(['Rent'])
  })

  it('records the expense in the account currency, then sends the receipt photo', async () => {
    signedInOrganization()
    const calls = stubFetch((url, method) =>
      method === 'POST' && url.endsWith('/finance/transactions')
        ? { transaction: { id: 'tx-1' } }
        : { transaction: { id: 'tx-1', attachments: [] } }
    )
    const wrapper = mountForm()
    // The money input is loaded lazily by the UI kit.
    await vi.waitFor(() => expect(wrapper.find('input[inputmode="decimal"]').exists()).toBe(true))
    const amount = wrapper.find('input[inputmode="decimal"]')
    await amount.setValue('25000')
    await amount.trigger('blur')
    await wrapper.find('.finance-chip').trigger('click')
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'recu.jpg', { type: 'image/jpeg' })
    const input = wrapper.find('input[type="file"]')
    Object.defineProperty(input.element, 'files', { value: [photo] })
    await input.trigger('change')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.emitted('recorded')).toHaveLength(1))

    const posts = calls.filter((call) => call.method === 'POST')
    expect(posts.map((call) => call.url.replace(/^.*\/orgs\/42/, ''))).toEqual([
      '/finance/transactions',
      '/finance/receipts',
    ])
    const body = JSON.parse(String(posts[0].body))
    expect(body).toMatchObject({
      kind: 'expense',
      accountId: 'acc-1',
      amount: '25000.00',
      categoryId: 'cat-rent',
      description: 'Loyer',
    })
    expect((posts[1].body as FormData).get('file')).toBeInstanceOf(File)
    expect((posts[1].body as FormData).get('transactionId')).toBe('tx-1')
    expect(wrapper.emitted('recorded')).toHaveLength(1)
  })
})
