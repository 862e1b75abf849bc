import type { Schemas } from '@ia/sdk'
import { mountPage, signedInOrganization, stubFetch } from '@ia/sdk/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import module from '../src/module'
import QueueView from '../src/views/QueueView.vue'
import SettingsView from '../src/views/SettingsView.vue'

const row = (fields: Partial<Schemas['Normalisation']>): Schemas['Normalisation'] => ({
  id: 'n1',
  documentId: 'd1',
  documentKind: 'invoice',
  number: 'FA-2026-0001',
  status: 'awaiting',
  currency: 'CDF',
  total: '2820.00',
  tax: '320.00',
  emcfTotal: null,
  emcfTax: null,
  errorCode: null,
  errorMessage: null,
  attempts: 0,
  dgiCode: null,
  qrContent: null,
  counters: null,
  nim: null,
  dgiDateTime: null,
  normalisedAt: null,
  createdAt: '2026-12-08T10:00:00.000Z',
  ...fields,
})

const device: Schemas['FiscalDeviceSettings'] = {
  configured: true,
  enabled: true,
  environment: 'test',
  baseUrl: 'https://emcf-test.example.cd/api',
  nif: 'A1234567B',
  isf: 'ISF-1',
  operatorName: null,
  hasToken: true,
  enabledAt: '2026-12-01T08:00:00.000Z',
  retryCount: 0,
  nextAttemptAt: null,
  lastError: null,
}

describe('QueueView', () => {
  beforeEach(() => signedInOrganization(42))
  afterEach(() => vi.unstubAllGlobals())

  it('shows each invoice awaiting, normalised, or failed with the difference of totals', async () => {
    const calls = stubFetch(() => ({
      data: [
        row({ id: 'n1', number: 'FA-2026-0003' }),
        row({
          id: 'n2',
          number: 'FA-2026-0002',
          status: 'normalised',
          dgiCode: 'ABCDEFGHIJKLMNOPQRSTUVWX',
          counters: '2/2 FV',
        }),
        row({
          id: 'n3',
          number: 'FA-2026-0001',
          status: 'failed',
          errorCode: 'E_TOTALS_MISMATCH',
          emcfTotal: '2860.00',
          emcfTax: '360.00',
        }),
      ],
    }))
    const page = await mountPage(QueueView, module, 'en')
    expect(calls.map((call) => call.url)).toEqual(['/api/v1/orgs/42/fiscal/normalisations'])
    const text = page.text().replace(/[\u00a0\u202f]/g, ' ')
    expect(text).toContain('To normalise')
    expect(text).toContain('ABCDEFGHIJKLMNOPQRSTUVWX · 2/2 FV')
    expect(text).toContain('Totals differ: e-MCF CDF 2,860.00')
    expect(text).toContain('Try again')
  })

  it('says so in French when nothing was normalised yet', async () => {
    stubFetch(() => ({ data: [] }))
    expect((await mountPage(QueueView, module, 'fr')).text()).toContain('Aucune facture normalisée')
  })
})

describe('SettingsView', () => {
  beforeEach(() => signedInOrganization(42))
  afterEach(() => vi.unstubAllGlobals())

  it('never shows the token, says one is kept, and checks the e-MCF', async () => {
    const calls = stubFetch((url) =>
      url.endsWith('/check')
        ? { status: { nif: 'A1234567B', nim: 'NIM-1', serverDateTime: null, pendingCount: 2 } }
        : { settings: device }
    )
    const page = await mountPage(SettingsView, module, 'fr')
    expect(page.text()).toContain('Un jeton est enregistré')
    const check = page
      .findAll('button')
      .find((button) => button.text() === 'Vérifier la connexion')!
    await check.trigger('click')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(calls.map((call) => call.url)).toContain('/api/v1/orgs/42/fiscal/settings/check')
    expect(page.text()).toContain('NIM NIM-1, 2 facture(s) en attente')
  })
})
