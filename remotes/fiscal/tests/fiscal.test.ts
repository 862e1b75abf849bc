import type { Schemas } from '@ia/sdk'
import { mountPage, signedInOrganization, stubFetch } from '@ia/sdk/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import module from '../src/module'
import FiscalView from '../src/views/FiscalView.vue'

const item: Schemas['FiscalItem'] = { id: 'a1', name: 'Premier', createdAt: '2026-01-05T10:00:00.000Z' }

describe('FiscalView', () => {
  beforeEach(() => signedInOrganization(42))
  afterEach(() => vi.unstubAllGlobals())

  it("lists the organisation's items", async () => {
    const calls = stubFetch(() => ({ data: [item] }))
    const page = await mountPage(FiscalView, module, 'en')
    expect(calls.map((call) => call.url)).toEqual(['/api/v1/orgs/42/fiscal/items'])
    expect(page.text()).toContain('Premier')
  })

  it('says so when there is none yet', async () => {
    stubFetch(() => ({ data: [] }))
    expect((await mountPage(FiscalView, module, 'fr')).text()).toContain('Aucun élément')
  })
})
