import type { Schemas } from '@ia/sdk'
import { mountPage, signedInOrganization, stubFetch } from '@ia/sdk/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import module from '../src/module'
import FinanceView from '../src/views/FinanceView.vue'

const account: Schemas['FinanceAccount'] = {
  id: 'a1',
  code: '4111',
  class: 4,
  nameFr: 'Clients',
  nameEn: 'Customers',
  accountType: 'asset_receivable',
  parentCode: null,
  reconcile: true,
  origin: 'chart',
  archived: false,
}

describe('FinanceView', () => {
  beforeEach(() => signedInOrganization(42))
  afterEach(() => vi.unstubAllGlobals())

  it("lists the organisation's chart of accounts", async () => {
    const calls = stubFetch(() => ({ data: [account] }))
    const page = await mountPage(FinanceView, module, 'en')
    expect(calls.map((call) => call.url)).toEqual(['/api/v1/orgs/42/finance/accounts'])
    expect(page.text()).toContain('4111 Customers')
  })

  it('says so when there is none yet', async () => {
    stubFetch(() => ({ data: [] }))
    expect((await mountPage(FinanceView, module, 'fr')).text()).toContain('Aucun compte')
  })
})
