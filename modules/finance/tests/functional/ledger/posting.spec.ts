import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { ledgerPosting } from '../../../contracts/index.ts'
import {
  balancesByAccount,
  checkBalanceImmediately,
  createFinanceOrganization,
} from '../../helpers.ts'

test.group('Finance / ledger posting', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => checkBalanceImmediately())

  test('enabling the module seeds the SYSCOHADA chart, the journals and the settings', async ({
    assert,
  }) => {
    const { organization } = await createFinanceOrganization()
    const accounts = await db
      .from('finance.accounts')
      .where('organization_id', organization.id)
      .count('* as n')
    assert.isAbove(Number(accounts[0].n), 1000)
    const codes = (
      await db
        .from('finance.accounts')
        .where('organization_id', organization.id)
        .whereIn('code', [
          '4111',
          '4011',
          '521',
          '5711',
          '552',
          '6011',
          '7011',
          '7061',
          '4431',
          '4452',
          '676',
          '776',
        ])
        .select('code')
    ).map((row) => row.code)
    assert.lengthOf(codes, 12)
    const journals = await db
      .from('finance.journals')
      .where('organization_id', organization.id)
      .orderBy('code')
    assert.deepEqual(
      journals.map((row) => row.code),
      ['AC', 'BQ', 'CA', 'MM', 'OD', 'VT']
    )
    const settings = await db
      .from('finance.settings')
      .where('organization_id', organization.id)
      .first()
    assert.equal(settings.book_currency, 'CDF')
  })

  test('a balanced entry is posted with its number, lines and rollups', async ({ assert }) => {
    const { organization } = await createFinanceOrganization()
    const entry = await db.transaction((trx) =>
      ledgerPosting.post(trx, organization.id, {
        journal: 'CA',
        date: '2026-03-05',
        description: 'Vente comptant',
        currency: 'CDF',
        lines: [
          { account: '5711', debit: '116000.00' },
          { account: '7011', credit: '100000.00' },
          { account: '4431', credit: '16000.00', taxGroup: 'B' },
        ],
      })
    )
    assert.equal(entry.number, 'CA-2026-000001')
    assert.deepEqual(
      entry.lines.map((line) => line.debit),
      ['116000.00', '0.00', '0.00']
    )
    const balances = await balancesByAccount(organization.id)
    assert.equal(balances['5711'], 11600000n)
    assert.equal(balances['7011'], -10000000n)
    const rollups = await db
      .from('finance.daily_balances')
      .where('organization_id', organization.id)
      .select(
        db.raw('sum(debit_minor)::text as debit'),
        db.raw('sum(credit_minor)::text as credit')
      )
    assert.deepEqual(rollups[0], { debit: '11600000', credit: '11600000' })
  })

  test('an unbalanced entry is a 422 naming the lines', async ({ assert }) => {
    const { organization } = await createFinanceOrganization()
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          ledgerPosting.post(trx, organization.id, {
            journal: 'OD',
            date: '2026-03-05',
            description: 'Bad',
            currency: 'CDF',
            lines: [
              { account: '5711', debit: '100.00' },
              { account: '7011', credit: '99.00' },
            ],
          })
        ),
      'E_ENTRY_UNBALANCED'
    )
  })
})
