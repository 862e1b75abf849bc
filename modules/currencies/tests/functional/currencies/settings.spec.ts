import { createServer, type Server } from 'node:http'
import config from '@adonisjs/core/services/config'
import { isPublicAddress } from '@ia/kernel/contracts'
import type { AddressInfo } from 'node:net'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { addMember, auditTrail, createUser, runQueuedJobs } from '@ia/platform/testing'
import { createCurrenciesOrganization, currenciesUrl } from '../../helpers.ts'
import { queueDailyFetches, readProviderAnswer } from '../../../app/jobs/fetch_rates.ts'

const SETTINGS = {
  currencies: ['CDF', 'USD', 'EUR'],
  defaultCurrency: 'CDF',
  reportingCurrency: 'USD',
  rateSource: 'Banque Centrale du Congo - taux indicatif',
  providerUrl: null,
}

test.group('Currencies / settings', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a DR Congo organisation shows CDF and USD with the BCC as rate source, named in the reader’s language', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const response = await client.get(currenciesUrl(organization.id, '/settings')).loginAs(owner)
    response.assertStatus(200)
    assert.deepEqual(response.body().settings, {
      defaultCurrency: 'CDF',
      reportingCurrency: 'USD',
      currencies: [
        { code: 'CDF', precision: 2, name: 'franc congolais', isDefault: true, isReporting: false },
        {
          code: 'USD',
          precision: 2,
          name: 'dollar des États-Unis',
          isDefault: false,
          isReporting: true,
        },
      ],
      rateSource: 'Banque Centrale du Congo - taux indicatif',
      providerUrl: 'https://www.bcc.cd/',
      providerFetchedAt: null,
      providerError: null,
    })
    const iso = await client.get(currenciesUrl(organization.id, '/iso')).loginAs(owner)
    assert.deepInclude(iso.body().data, { code: 'XAF', precision: 0, name: 'franc CFA (BEAC)' })
  })

  test('an admin changes currencies, default and reporting currency in one audited transaction; the organisation follows', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const response = await client
      .put(currenciesUrl(organization.id, '/settings'))
      .json({ ...SETTINGS, defaultCurrency: 'USD', reportingCurrency: 'EUR' })
      .loginAs(owner)
      .withCsrfToken()
    response.assertStatus(200)
    assert.deepEqual(
      response.body().settings.currencies.map((currency: { code: string }) => currency.code),
      ['USD', 'EUR', 'CDF']
    )
    await organization.refresh()
    assert.deepEqual([organization.defaultCurrency, organization.reportingCurrency], ['USD', 'EUR'])
    const audit = await auditTrail({
      organization_id: organization.id,
      action: 'currencies.settings.updated',
    })
    assert.lengthOf(audit, 1)
  })

  test('the default or reporting currency outside the currencies is a 422 on it, and nothing changes; a member may not change settings', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const refused = await client
      .put(currenciesUrl(organization.id, '/settings'))
      .json({ ...SETTINGS, reportingCurrency: 'ZAR' })
      .loginAs(owner)
      .withCsrfToken()
    refused.assertStatus(422)
    assert.deepEqual(
      refused
        .body()
        .errors.map((error: { field: string; code: string }) => [error.field, error.code]),
      [['reportingCurrency', 'E_CURRENCY_NOT_USED']]
    )
    const codes = await db
      .from('currencies.organization_currencies')
      .where('organization_id', organization.id)
      .orderBy('code')
      .select('code')
    assert.deepEqual(
      codes.map((row) => row.code),
      ['CDF', 'USD']
    )
    const member = await createUser()
    await addMember(organization, member, 'member')
    ;(
      await client
        .put(currenciesUrl(organization.id, '/settings'))
        .json(SETTINGS)
        .loginAs(member)
        .withCsrfToken()
    ).assertStatus(403)
  })
})

test.group('Currencies / provider job', (group) => {
  let server: Server
  let answer: { status: number; body: string }
  let url: string
  group.setup(async () => {
    server = createServer((_request, response) => {
      response.writeHead(answer.status, { 'content-type': 'application/json' })
      response.end(answer.body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/latest?base=USD`
    return () => new Promise<void>((resolve) => server.close(() => resolve()))
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('fetches the day’s rates from the configured HTTP JSON source, exactly as written, for the organisation’s currencies only', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const today = DateTime.now().toISODate()
    answer = {
      status: 200,
      body: `{"amount":1.0,"base":"USD","date":"${today}","rates":{"CDF":2850.123456789012,"EUR":0.92,"JPY":150}}`,
    }
    ;(
      await client
        .put(currenciesUrl(organization.id, '/settings'))
        .json({ ...SETTINGS, providerUrl: url })
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(200)
    const queued = await client
      .post(currenciesUrl(organization.id, '/provider/fetch'))
      .loginAs(owner)
      .withCsrfToken()
    queued.assertStatus(202)
    await runQueuedJobs()
    const stored = await db
      .from('currencies.rates')
      .where('organization_id', organization.id)
      .orderBy('quote_currency')
      .select('quote_currency', db.raw('rate::text as rate'), 'origin', 'source')
    assert.deepEqual(stored, [
      {
        quote_currency: 'CDF',
        rate: '2850.123456789012',
        origin: 'provider',
        source: new URL(url).host,
      },
      {
        quote_currency: 'EUR',
        rate: '0.920000000000',
        origin: 'provider',
        source: new URL(url).host,
      },
    ])
    const settings = await client.get(currenciesUrl(organization.id, '/settings')).loginAs(owner)
    assert.isNotNull(settings.body().settings.providerFetchedAt)
    assert.isNull(settings.body().settings.providerError)
  })

  test('a provider answering an error is kept on the settings and nothing is recorded; no URL is a 422 on providerUrl', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    // A DR Congo organisation starts with the BCC's page: without it, there is no provider.
    await client
      .put(currenciesUrl(organization.id, '/settings'))
      .json(SETTINGS)
      .loginAs(owner)
      .withCsrfToken()
    const none = await client
      .post(currenciesUrl(organization.id, '/provider/fetch'))
      .loginAs(owner)
      .withCsrfToken()
    none.assertStatus(422)
    assert.equal(none.body().errors[0].field, 'providerUrl')
    answer = { status: 503, body: '{}' }
    await client
      .put(currenciesUrl(organization.id, '/settings'))
      .json({ ...SETTINGS, providerUrl: url })
      .loginAs(owner)
      .withCsrfToken()
    ;(
      await client
        .post(currenciesUrl(organization.id, '/provider/fetch'))
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(202)
    await runQueuedJobs()
    const settings = await client.get(currenciesUrl(organization.id, '/settings')).loginAs(owner)
    assert.equal(settings.body().settings.providerError, 'The provider answered HTTP 503')
    assert.equal(
      Number(
        (
          await db
            .from('currencies.rates')
            .where('organization_id', organization.id)
            .count('* as total')
        )[0].total
      ),
      0
    )
  })

  test('a provider on this machine or a private network is refused unless the test configuration allows it', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    answer = { status: 200, body: '{}' }
    let reached = 0
    const counting = () => reached++
    server.on('request', counting)
    const allowed = config.get('currencies.allowPrivateProviderHosts')
    config.set('currencies.allowPrivateProviderHosts', false)
    try {
      const port = (server.address() as AddressInfo).port
      for (const providerUrl of [
        url,
        `http://localhost:${port}/latest`,
        `http://[::ffff:127.0.0.1]:${port}/latest`,
      ]) {
        await client
          .put(currenciesUrl(organization.id, '/settings'))
          .json({ ...SETTINGS, providerUrl })
          .loginAs(owner)
          .withCsrfToken()
        await client
          .post(currenciesUrl(organization.id, '/provider/fetch'))
          .loginAs(owner)
          .withCsrfToken()
        await runQueuedJobs()
        const settings = await client
          .get(currenciesUrl(organization.id, '/settings'))
          .loginAs(owner)
        assert.match(
          settings.body().settings.providerError,
          /on this machine or a private network: refused$/,
          providerUrl
        )
      }
    } finally {
      config.set('currencies.allowPrivateProviderHosts', allowed)
      server.off('request', counting)
    }
    assert.equal(reached, 0, 'no request reached the local server')
  })

  test('tells public addresses from the server’s own networks', ({ assert }) => {
    const refused = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      'not-an-ip',
    ]
    const allowed = ['8.8.8.8', '41.243.0.10', '2001:4860:4860::8888']
    assert.deepEqual(refused.filter(isPublicAddress), [])
    assert.deepEqual(allowed.filter(isPublicAddress), allowed)
  })

  test('the daily schedule queues a fetch for each organisation with a provider, and only those', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createCurrenciesOrganization()
    const { owner: otherOwner, organization: without } = await createCurrenciesOrganization()
    await client
      .put(currenciesUrl(without.id, '/settings'))
      .json(SETTINGS)
      .loginAs(otherOwner)
      .withCsrfToken()
    answer = {
      status: 200,
      body: `{"base":"USD","date":"${DateTime.now().toISODate()}","rates":{"CDF":2851.25}}`,
    }
    await client
      .put(currenciesUrl(organization.id, '/settings'))
      .json({ ...SETTINGS, providerUrl: url })
      .loginAs(owner)
      .withCsrfToken()
    await db.transaction((trx) => queueDailyFetches(new Date(), trx))
    await runQueuedJobs()
    const rates = await db
      .from('currencies.rates')
      .whereIn('organization_id', [organization.id, without.id])
      .select('organization_id', db.raw('rate::text as rate'))
    assert.deepEqual(rates, [{ organization_id: organization.id, rate: '2851.250000000000' }])
  })

  test('reads a provider answer strictly', ({ assert }) => {
    const used = ['CDF', 'USD']
    assert.deepEqual(
      readProviderAnswer('{"base":"USD","date":"2026-03-02","rates":{"CDF":2850.10}}', used),
      [{ baseCurrency: 'USD', quoteCurrency: 'CDF', rate: '2850.1', date: '2026-03-02' }]
    )
    assert.throws(() => readProviderAnswer('<html>', used), /did not answer JSON/)
    assert.throws(
      () => readProviderAnswer('{"base":"USD","date":"2999-01-01","rates":{"CDF":1}}', used),
      /valid "date"/
    )
    assert.throws(
      () => readProviderAnswer('{"base":"GBP","date":"2026-03-02","rates":{"CDF":1}}', used),
      /"base" \(GBP\)/
    )
    assert.throws(
      () => readProviderAnswer('{"base":"USD","date":"2026-03-02","rates":{"CDF":-1}}', used),
      /CDF is not a positive number/
    )
    assert.throws(
      () => readProviderAnswer('{"base":"USD","date":"2026-03-02","rates":{"EUR":1}}', used),
      /no rate for the currencies/
    )
  })
})
