import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import type { Organization, User } from '@ia/platform/testing'
import {
  balancesByAccount,
  checkBalanceImmediately,
  createFinanceOrganization,
  financeUrl,
} from '../../helpers.ts'

const rent = {
  journal: 'CA',
  date: '2026-03-10',
  description: 'Loyer de mars',
  currency: 'CDF',
  lines: [
    { account: '6222', debit: '250000.00' },
    { account: '5711', credit: '250000.00' },
  ],
}

function post(
  client: ApiClient,
  owner: User,
  organization: Organization,
  body: Record<string, unknown>
) {
  return client.post(financeUrl(organization, '/entries')).json(body).loginAs(owner).withCsrfToken()
}

test.group('Finance / entries API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => checkBalanceImmediately())

  test('bad entries are a 422 naming the field, in the user language', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createFinanceOrganization()
    const unbalanced = await post(client, owner, organization, {
      ...rent,
      lines: [rent.lines[0], { account: '5711', credit: '249999.99' }],
    })
    unbalanced.assertStatus(422)
    assert.containsSubset(unbalanced.body().errors[0], {
      field: 'lines',
      code: 'E_ENTRY_UNBALANCED',
    })
    assert.include(unbalanced.body().errors[0].message, "n'est pas équilibrée")

    owner.merge({ locale: 'en' })
    await owner.save()
    const both = await post(client, owner, organization, {
      ...rent,
      lines: [{ account: '6222', debit: '1.00', credit: '1.00' }, rent.lines[1]],
    })
    both.assertStatus(422)
    assert.containsSubset(both.body().errors[0], { field: 'lines.0.debit', code: 'E_LINE_AMOUNT' })
    assert.include(both.body().errors[0].message, 'either a debit or a credit')

    const unknown = await post(client, owner, organization, {
      ...rent,
      lines: [{ account: '6999', debit: '1.00' }, rent.lines[1]],
    })
    assert.containsSubset(unknown.body().errors[0], {
      field: 'lines.0.account',
      code: 'E_ACCOUNT_UNKNOWN',
    })

    const digits = await post(client, owner, organization, {
      ...rent,
      lines: [{ account: '6222', debit: '1.001' }, rent.lines[1]],
    })
    assert.containsSubset(digits.body().errors[0], {
      field: 'lines.0.debit',
      code: 'E_AMOUNT_DIGITS',
    })

    const noRate = await post(client, owner, organization, {
      ...rent,
      currency: 'EUR',
      lines: [
        { account: '6222', debit: '10.00' },
        { account: '5711', credit: '10.00' },
      ],
    })
    noRate.assertStatus(422)
    assert.equal(noRate.body().errors[0].field, 'lines.0.currency')

    const journal = await post(client, owner, organization, { ...rent, journal: 'ZZ' })
    assert.containsSubset(journal.body().errors[0], { field: 'journal', code: 'E_JOURNAL_UNKNOWN' })
    assert.deepEqual(await balancesByAccount(organization.id), {})
  })

  test('the lock date refuses back-dated entries and never moves back', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createFinanceOrganization()
    const lock = (lockDate: string) =>
      client
        .patch(financeUrl(organization, '/settings'))
        .json({ lockDate })
        .loginAs(owner)
        .withCsrfToken()
    ;(await lock('2026-03-31')).assertStatus(200)
    const backDated = await post(client, owner, organization, rent)
    backDated.assertStatus(422)
    assert.containsSubset(backDated.body().errors[0], { field: 'date', code: 'E_PERIOD_LOCKED' })
    const onLockDate = await post(client, owner, organization, { ...rent, date: '2026-03-31' })
    onLockDate.assertStatus(422)
    ;(await post(client, owner, organization, { ...rent, date: '2026-04-01' })).assertStatus(201)
    const back = await lock('2026-02-28')
    back.assertStatus(422)
    assert.containsSubset(back.body().errors[0], {
      field: 'lockDate',
      code: 'E_LOCK_DATE_BACKWARDS',
    })
  })

  test('closing a fiscal year locks it', async ({ client, assert }) => {
    const { owner, organization } = await createFinanceOrganization()
    ;(await post(client, owner, organization, rent)).assertStatus(201)
    const closed = await client
      .post(financeUrl(organization, '/fiscal-years/2026/close'))
      .loginAs(owner)
      .withCsrfToken()
    closed.assertStatus(200)
    assert.containsSubset(closed.body().fiscalYear, { year: 2026, closed: true })
    ;(await post(client, owner, organization, { ...rent, date: '2026-12-31' })).assertStatus(422)
    const settings = await client.get(financeUrl(organization, '/settings')).loginAs(owner)
    assert.equal(settings.body().settings.lockDate, '2026-12-31')
    ;(
      await client
        .post(financeUrl(organization, '/fiscal-years/2030/close'))
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(404)
  })

  test('an entry is corrected by a reversal, once', async ({ client, assert }) => {
    const { owner, organization } = await createFinanceOrganization()
    const entry = (await post(client, owner, organization, rent)).body().entry
    const reverse = (id: string) =>
      client
        .post(financeUrl(organization, `/entries/${id}/reverse`))
        .json({ date: '2026-03-12', description: 'Erreur de compte' })
        .loginAs(owner)
        .withCsrfToken()
    const reversal = await reverse(entry.id)
    reversal.assertStatus(201)
    assert.containsSubset(reversal.body().entry, {
      number: 'CA-2026-000002',
      date: '2026-03-12',
      reversesEntryId: entry.id,
    })
    assert.deepEqual(
      reversal
        .body()
        .entry.lines.map((line: { accountCode: string; debit: string; credit: string }) => [
          line.accountCode,
          line.debit,
          line.credit,
        ]),
      [
        ['6222', '0.00', '250000.00'],
        ['5711', '250000.00', '0.00'],
      ]
    )
    assert.deepEqual(await balancesByAccount(organization.id), { '6222': 0n, '5711': 0n })
    const shown = await client.get(financeUrl(organization, `/entries/${entry.id}`)).loginAs(owner)
    assert.equal(shown.body().entry.reversedByEntryId, reversal.body().entry.id)
    ;(await reverse(entry.id)).assertStatus(409)
    ;(await reverse(reversal.body().entry.id)).assertStatus(409)
  })

  test('organisations add sub-accounts under the chart', async ({ client, assert }) => {
    const { owner, organization } = await createFinanceOrganization()
    const add = (body: Record<string, unknown>) =>
      client.post(financeUrl(organization, '/accounts')).json(body).loginAs(owner).withCsrfToken()
    const wallet = await add({
      parentCode: '552',
      code: '5521',
      nameFr: 'M-Pesa',
      nameEn: 'M-Pesa',
    })
    wallet.assertStatus(201)
    assert.containsSubset(wallet.body().account, {
      code: '5521',
      class: 5,
      parentCode: '552',
      accountType: 'asset_cash',
      origin: 'organization',
    })
    const outside = await add({ parentCode: '552', code: '5711', nameFr: 'x', nameEn: 'x' })
    assert.containsSubset(outside.body().errors[0], { field: 'code', code: 'E_SUB_ACCOUNT_CODE' })
    const taken = await add({ parentCode: '552', code: '5521', nameFr: 'x', nameEn: 'x' })
    assert.containsSubset(taken.body().errors[0], { field: 'code', code: 'E_ACCOUNT_CODE_TAKEN' })
    ;(
      await post(client, owner, organization, {
        ...rent,
        lines: [rent.lines[0], { account: '5521', credit: '250000.00' }],
      })
    ).assertStatus(201)
    const listed = await client.get(financeUrl(organization, '/accounts?search=552')).loginAs(owner)
    assert.deepEqual(
      listed.body().data.map((account: { code: string }) => account.code),
      ['552', '5521']
    )
  })
})
