import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DomainError } from '@ia/kernel/contracts'
import { currenciesService } from '../../../contracts/currencies_service.ts'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { seedDemoRates } from '../../../app/services/demo_rates.ts'
import { createCurrenciesOrganization, insertRates } from '../../helpers.ts'

async function refusal(work: Promise<unknown>) {
  try {
    await work
  } catch (error) {
    if (error instanceof DomainError)
      return { code: error.code, status: error.status, data: error.data, field: error.field }
    throw error
  }
  throw new Error('expected a refusal')
}

test.group('Currencies / service (contracts)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a DR Congo organisation starts with CDF by default, USD for reports, and uses both', async ({
    assert,
  }) => {
    const { organization } = await createCurrenciesOrganization()
    const settings = await currenciesService.settings(organization.id)
    assert.deepEqual(settings, {
      defaultCurrency: 'CDF',
      reportingCurrency: 'USD',
      currencies: [
        { code: 'CDF', precision: 2, isDefault: true, isReporting: false },
        { code: 'USD', precision: 2, isDefault: false, isReporting: true },
      ],
    })
    assert.equal(await currenciesService.defaultCurrency(organization.id), 'CDF')
    assert.equal(await currenciesService.reportingCurrency(organization.id), 'USD')
    assert.deepEqual(
      await refusal(
        currenciesService.assertCurrencyUsed(organization.id, 'EUR', { field: 'currency' })
      ),
      {
        code: 'E_CURRENCY_NOT_USED',
        status: 422,
        data: { currency: 'EUR' },
        field: 'currency',
      }
    )
  })

  test('rateAt uses the nearest earlier rate and says which, its inverse, or a cross rate through the default currency', async ({
    assert,
  }) => {
    const { organization } = await createCurrenciesOrganization()
    await insertRates(organization.id, [
      ['USD', 'CDF', '2850.5', '2026-03-02'],
      ['USD', 'CDF', '2860', '2026-03-05'],
      ['EUR', 'CDF', '3100', '2026-03-01', 'Banque X'],
    ])
    assert.deepEqual(await currenciesService.rateAt(organization.id, 'USD', 'CDF', '2026-03-04'), {
      from: 'USD',
      to: 'CDF',
      rate: '2850.5',
      requestedDate: '2026-03-04',
      date: '2026-03-02',
      source: 'Banque Centrale du Congo - taux indicatif',
      inverse: false,
      via: null,
    })
    assert.equal(
      (await currenciesService.rateAt(organization.id, 'USD', 'CDF', '2026-03-05')).rate,
      '2860'
    )
    const inverse = await currenciesService.rateAt(organization.id, 'CDF', 'USD', '2026-03-06')
    assert.deepEqual(
      [inverse.rate, inverse.date, inverse.inverse],
      ['0.00034965034965035', '2026-03-05', true]
    )
    const cross = await currenciesService.rateAt(organization.id, 'EUR', 'USD', '2026-03-03')
    assert.deepEqual(
      [cross.date, cross.via, cross.source],
      ['2026-03-01', 'CDF', 'Banque X / Banque Centrale du Congo - taux indicatif']
    )
    // 3100 CDF per EUR, 2850.5 CDF per USD on 2026-03-02 (2860 came later)
    assert.equal(cross.rate, '1.08752850377127')
    assert.equal(
      (await currenciesService.rateAt(organization.id, 'USD', 'USD', '2026-01-01')).rate,
      '1'
    )
  })

  test('convert rounds half away from zero in the target currency, an inverse rate exactly', async ({
    assert,
  }) => {
    const { organization } = await createCurrenciesOrganization()
    await insertRates(organization.id, [['USD', 'CDF', '2850.5', '2026-03-02']])
    // 10.01 x 2850.5 = 28533.505: the half goes away from zero.
    const toCdf = await currenciesService.convert(
      organization.id,
      1001n,
      'USD',
      'CDF',
      '2026-03-02'
    )
    assert.deepEqual(
      [toCdf.amountMinor, toCdf.amount, toCdf.currency],
      [2853351n, '28533.51', 'CDF']
    )
    // 285050 CDF / 2850.5 = exactly 100 USD, which an inverse rate rounded first would miss.
    const toUsd = await currenciesService.convert(
      organization.id,
      28505000n,
      'CDF',
      'USD',
      '2026-03-10'
    )
    assert.deepEqual(
      [toUsd.amountMinor, toUsd.amount, toUsd.rate.date],
      [10000n, '100.00', '2026-03-02']
    )
  })

  test('no rate on or before the date: a 422 naming the pair and the date; another organisation never lends its rates', async ({
    assert,
  }) => {
    const { organization } = await createCurrenciesOrganization()
    const { organization: other } = await createCurrenciesOrganization()
    await insertRates(other.id, [['USD', 'CDF', '2850', '2026-01-01']])
    await insertRates(organization.id, [['USD', 'CDF', '2850', '2026-03-02']])
    assert.deepEqual(
      await refusal(currenciesService.rateAt(organization.id, 'USD', 'CDF', '2026-03-01')),
      {
        code: 'E_RATE_NOT_FOUND',
        status: 422,
        data: { from: 'USD', to: 'CDF', date: '2026-03-01' },
        field: 'currency',
      }
    )
    assert.deepEqual(
      (
        await refusal(
          currenciesService.convert(organization.id, 1n, 'EUR', 'USD', '2026-03-05', {
            field: 'lines.0.currency',
          })
        )
      ).field,
      'lines.0.currency'
    )
  })

  test('the demo organisation gets 90 days of USD -> CDF rates, so today converts', async ({
    assert,
  }) => {
    const { organization } = await createCurrenciesOrganization()
    await db.transaction((trx) => seedDemoRates(organization.id, trx))
    const rows = await db
      .from('currencies.rates')
      .where('organization_id', organization.id)
      .select(db.raw('rate::text as rate'))
    assert.lengthOf(rows, 90)
    for (const row of rows)
      assert.isTrue(Number(row.rate) > 2700 && Number(row.rate) < 2900, row.rate)
    const today = await currenciesService.rateAt(organization.id, 'USD', 'CDF', DateTime.now())
    assert.equal(today.date, DateTime.now().toISODate())
    assert.equal(today.source, 'Banque Centrale du Congo - taux indicatif')
  })
})
