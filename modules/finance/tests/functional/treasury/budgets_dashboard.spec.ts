import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import type { Organization, User } from '@ia/platform/testing'
import {
  category,
  createTreasuryOrganization,
  financeUrl,
  openAccount,
  send,
} from '../../treasury_helpers.ts'

/**
 * A small shop's first two months: 1,000,000 CDF in the till and 500 USD in the bank on 1 January;
 * in February it sells 560,000 CDF, pays 280,000 rent and 56,000 of fuel, all in cash. Its rent
 * budget for February is 250,000 CDF. 1 USD = 2,800 CDF all along.
 */
async function smallShop(client: ApiClient) {
  const { owner, organization } = await createTreasuryOrganization(client)
  const cash = await openAccount(client, owner, organization, {
    kind: 'cash',
    name: 'Caisse',
    currency: 'CDF',
    openingBalance: '1000000',
  })
  await openAccount(client, owner, organization, {
    kind: 'bank',
    name: 'Rawbank USD',
    currency: 'USD',
    openingBalance: '500',
  })
  const rent = await category(client, owner, organization, 'rent')
  const utilities = await category(client, owner, organization, 'utilities')
  const sales = await category(client, owner, organization, 'sales')
  for (const [kind, categoryId, amount, date] of [
    ['income', sales.id, '560000', '2026-02-02'],
    ['expense', rent.id, '280000', '2026-02-05'],
    ['expense', utilities.id, '56000', '2026-02-20'],
  ] as const) {
    const response = await send(client, owner, 'post', financeUrl(organization, '/transactions'), {
      kind,
      categoryId,
      amount,
      date,
      accountId: cash.id,
      description: `${kind} ${amount}`,
    })
    response.assertStatus(201)
  }
  const budget = await send(client, owner, 'put', financeUrl(organization, '/budgets'), {
    categoryId: rent.id,
    month: '2026-02',
    amount: '250000',
  })
  budget.assertStatus(204)
  return { owner, organization, rent, utilities }
}

function dashboard(client: ApiClient, owner: User, organization: Organization, currency = 'book') {
  return client
    .get(financeUrl(organization, '/dashboard'))
    .qs({ from: '2026-01-01', to: '2026-02-28', currency })
    .loginAs(owner)
}

test.group('Finance / budgets and dashboard', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("shows a small shop's two months: profit, cash in both currencies, expenses, budget against actual", async ({
    client,
    assert,
  }) => {
    const { owner, organization, rent, utilities } = await smallShop(client)
    const response = await dashboard(client, owner, organization)
    response.assertStatus(200)
    const body = response.body()
    assert.equal(body.currency, 'CDF')
    assert.deepEqual(body.totals, {
      revenue: '560000.00',
      expenses: '336000.00',
      profit: '224000.00',
    })
    assert.deepEqual(body.byMonth, [
      { month: '2026-01', revenue: '0.00', expenses: '0.00', profit: '0.00' },
      { month: '2026-02', revenue: '560000.00', expenses: '336000.00', profit: '224000.00' },
    ])
    assert.deepEqual(
      body.cashPosition.months.map((month: { month: string; totals: Record<string, string> }) => [
        month.month,
        month.totals,
      ]),
      [
        ['2026-01', { CDF: '2400000.00', USD: '857.14' }],
        ['2026-02', { CDF: '2624000.00', USD: '937.14' }],
      ]
    )
    assert.deepEqual(
      body.expensesByCategory.map((row: { accountCode: string; amount: string }) => [
        row.accountCode,
        row.amount,
      ]),
      [
        [rent.accountCode, '280000.00'],
        [utilities.accountCode, '56000.00'],
      ]
    )
    assert.deepEqual(
      body.budget.map(
        (row: { accountCode: string; budget: string; actual: string; months: unknown[] }) => [
          row.accountCode,
          row.budget,
          row.actual,
          row.months,
        ]
      ),
      [
        [
          rent.accountCode,
          '250000.00',
          '280000.00',
          [
            { month: '2026-01', budget: '0.00', actual: '0.00' },
            { month: '2026-02', budget: '250000.00', actual: '280000.00' },
          ],
        ],
      ]
    )
    assert.deepEqual(body.topCustomers, [])
    assert.isTrue(body.receivablesAgeing.every((row: { amount: string }) => row.amount === '0.00'))

    const inUsd = await dashboard(client, owner, organization, 'reporting')
    inUsd.assertStatus(200)
    assert.equal(inUsd.body().currency, 'USD')
    assert.deepEqual(inUsd.body().totals, {
      revenue: '200.00',
      expenses: '120.00',
      profit: '80.00',
    })
  })

  test('lists a year of budgets, clears one with 0, and refuses a period that ends before it starts', async ({
    client,
    assert,
  }) => {
    const { owner, organization, rent } = await smallShop(client)
    const year = await client
      .get(financeUrl(organization, '/budgets'))
      .qs({ year: 2026 })
      .loginAs(owner)
    year.assertStatus(200)
    assert.equal(year.body().currency, 'CDF')
    assert.lengthOf(year.body().data, 1)
    assert.lengthOf(year.body().data[0].months, 12)
    assert.equal(year.body().data[0].actual, '280000.00')

    const badAmount = await send(client, owner, 'put', financeUrl(organization, '/budgets'), {
      categoryId: rent.id,
      month: '2026-13',
      amount: '1',
    })
    badAmount.assertStatus(422)
    assert.equal(badAmount.body().errors[0].field, 'month')

    const other = await createTreasuryOrganization(client)
    const theirs = await category(client, other.owner, other.organization, 'rent')
    const foreign = await send(client, owner, 'put', financeUrl(organization, '/budgets'), {
      categoryId: theirs.id,
      month: '2026-02',
      amount: '1',
    })
    foreign.assertStatus(422)
    assert.equal(foreign.body().errors[0].field, 'categoryId')

    ;(
      await send(client, owner, 'put', financeUrl(organization, '/budgets'), {
        categoryId: rent.id,
        month: '2026-02',
        amount: '0',
      })
    ).assertStatus(204)
    const cleared = await client
      .get(financeUrl(organization, '/budgets'))
      .qs({ year: 2026 })
      .loginAs(owner)
    assert.lengthOf(cleared.body().data, 0)

    const backwards = await client
      .get(financeUrl(organization, '/dashboard'))
      .qs({ from: '2026-03-01', to: '2026-02-01' })
      .loginAs(owner)
    backwards.assertStatus(422)
    assert.equal(backwards.body().errors[0].field, 'to')
  })
})
