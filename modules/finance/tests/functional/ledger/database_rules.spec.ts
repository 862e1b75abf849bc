import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Organization, User } from '@ia/platform/testing'
import { ledgerPosting } from '../../../contracts/index.ts'
import { createFinanceOrganization } from '../../helpers.ts'
import { dropOrganization } from '../../committed.ts'

/** Writes an entry and its lines with plain SQL, as a client that skips the service would. */
async function rawEntry(
  trx: TransactionClientContract,
  organizationId: string,
  date: string,
  lines: Array<[account: string, debit: number, credit: number]>,
  number = `OD-RAW-${Math.random().toString(36).slice(2, 10)}`
) {
  const { rows } = await trx.rawQuery(
    `INSERT INTO finance.entries (organization_id, journal_id, number, entry_date, description, currency,
       book_currency, reporting_currency, reporting_rate)
     SELECT ?, id, ?, ?, 'SQL', 'CDF', 'CDF', 'CDF', 1 FROM finance.journals
     WHERE organization_id = ? AND code = 'OD' RETURNING id`,
    [organizationId, number, date, organizationId]
  )
  const entryId = rows[0].id
  await addLines(trx, organizationId, entryId, lines)
  return entryId as string
}

async function addLines(
  trx: TransactionClientContract,
  organizationId: string,
  entryId: string,
  lines: Array<[account: string, debit: number, credit: number]>,
  firstLine = 1,
  accountsOf = organizationId
) {
  for (const [index, [account, debit, credit]] of lines.entries())
    await trx.rawQuery(
      `INSERT INTO finance.entry_lines (organization_id, entry_id, entry_date, line_no, account_id, debit_minor,
         credit_minor, currency, amount_minor, reporting_debit_minor, reporting_credit_minor)
       SELECT ?, ?, '2000-01-01', ?, id, ?, ?, 'CDF', ?, ?, ? FROM finance.accounts WHERE organization_id = ? AND code = ?`,
      [
        organizationId,
        entryId,
        firstLine + index,
        debit,
        credit,
        debit - credit,
        debit,
        credit,
        accountsOf,
        account,
      ]
    )
}

const entryCount = async (organizationId: string) =>
  Number(
    (await db.from('finance.entries').where('organization_id', organizationId).count('* as n'))[0].n
  )

test.group('Finance / the database keeps the books', (group) => {
  let organization: Organization
  let owner: User
  group.each.setup(async () => {
    ;({ organization, owner } = await createFinanceOrganization())
    return () => dropOrganization(organization, owner)
  })

  test('an unbalanced entry written by raw SQL is refused: nothing of it is ever committed', async ({
    assert,
  }) => {
    // The check the commit runs, run at the end of the transaction so its error shows.
    await assert.rejects(
      () =>
        db.transaction(async (trx) => {
          await rawEntry(trx, organization.id, '2026-03-05', [
            ['5711', 10000, 0],
            ['7011', 0, 9999],
          ])
          await trx.rawQuery('SET CONSTRAINTS ALL IMMEDIATE')
        }),
      /does not balance \(2 lines, debit 10000, credit 9999\)/
    )
    await assert.rejects(
      () =>
        db.transaction(async (trx) => {
          await rawEntry(trx, organization.id, '2026-03-05', [])
          await trx.rawQuery('SET CONSTRAINTS ALL IMMEDIATE')
        }),
      /does not balance \(0 lines/
    )
    // Left to the commit itself: PostgreSQL refuses it and nothing is written.
    await db
      .transaction((trx) =>
        rawEntry(trx, organization.id, '2026-03-05', [
          ['5711', 10000, 0],
          ['7011', 0, 9999],
        ])
      )
      .catch(() => {})
    assert.equal(await entryCount(organization.id), 0)
    const rollups = await db
      .from('finance.daily_balances')
      .where('organization_id', organization.id)
    assert.lengthOf(rollups, 0)
  })

  test('a balanced raw entry commits, carries its date to its lines and updates the rollups', async ({
    assert,
  }) => {
    await db.transaction((trx) =>
      rawEntry(trx, organization.id, '2026-03-05', [
        ['5711', 10000, 0],
        ['7011', 0, 10000],
      ])
    )
    const lines = await db
      .from('finance.entry_lines')
      .where('organization_id', organization.id)
      .select(db.raw("to_char(entry_date, 'YYYY-MM-DD') as day"))
    assert.deepEqual(
      lines.map((line) => line.day),
      ['2026-03-05', '2026-03-05']
    )
    const rollup = await db
      .from('finance.daily_balances as d')
      .join('finance.accounts as a', 'a.id', 'd.account_id')
      .where({ 'd.organization_id': organization.id, 'a.code': '5711' })
      .first()
    assert.equal(rollup.debit_minor, '10000')
  })

  test('a posted entry never changes: no update, no delete, no line added later', async ({
    assert,
  }) => {
    const entryId = await db.transaction((trx) =>
      rawEntry(trx, organization.id, '2026-03-05', [
        ['5711', 10000, 0],
        ['7011', 0, 10000],
      ])
    )
    await assert.rejects(
      () => db.from('finance.entries').where('id', entryId).update({ description: 'changed' }),
      /never changed or deleted/
    )
    await assert.rejects(
      () => db.from('finance.entry_lines').where('entry_id', entryId).update({ debit_minor: 1 }),
      /never changed or deleted/
    )
    await assert.rejects(
      () => db.from('finance.entries').where('id', entryId).delete(),
      /never changed or deleted/
    )
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          addLines(
            trx,
            organization.id,
            entryId,
            [
              ['5711', 500, 0],
              ['7011', 0, 500],
            ],
            3
          )
        ),
      /cannot be added to a posted entry/
    )
  })

  test('the lock date and closed years hold in the database too', async ({ assert }) => {
    await db
      .from('finance.settings')
      .where('organization_id', organization.id)
      .update({ lock_date: '2026-03-31' })
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          rawEntry(trx, organization.id, '2026-03-31', [
            ['5711', 100, 0],
            ['7011', 0, 100],
          ])
        ),
      /lock date/
    )
    await db.table('finance.fiscal_years').insert({
      organization_id: organization.id,
      year: 2027,
      starts_on: '2027-01-01',
      ends_on: '2027-12-31',
      closed_at: new Date(),
    })
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          rawEntry(trx, organization.id, '2027-06-01', [
            ['5711', 100, 0],
            ['7011', 0, 100],
          ])
        ),
      /closed fiscal year/
    )
    assert.equal(await entryCount(organization.id), 0)
  })

  test("a line cannot name another organisation's account", async ({ assert }) => {
    const other = await createFinanceOrganization({ name: 'Autre' })
    try {
      await assert.rejects(
        () =>
          db.transaction(async (trx) => {
            const { rows } = await trx.rawQuery(
              `INSERT INTO finance.entries (organization_id, journal_id, number, entry_date, description, currency,
                 book_currency, reporting_currency, reporting_rate)
               SELECT ?, id, 'OD-X', '2026-03-05', 'SQL', 'CDF', 'CDF', 'CDF', 1 FROM finance.journals
               WHERE organization_id = ? AND code = 'OD' RETURNING id`,
              [organization.id, organization.id]
            )
            await addLines(
              trx,
              organization.id,
              rows[0].id,
              [['5711', 100, 0]],
              1,
              other.organization.id
            )
            await addLines(trx, organization.id, rows[0].id, [['7011', 0, 100]], 2)
          }),
        /entry_lines_account_fk/
      )
    } finally {
      await dropOrganization(other.organization, other.owner)
    }
  })

  test('concurrent postings in one journal get consecutive numbers and consistent rollups', async ({
    assert,
  }) => {
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        db.transaction((trx) =>
          ledgerPosting.post(trx, organization.id, {
            journal: 'CA',
            date: '2026-03-05',
            description: `Vente ${index}`,
            currency: 'CDF',
            lines: [
              { account: '5711', debit: '100.00' },
              { account: '7011', credit: '100.00' },
            ],
          })
        )
      )
    )
    const numbers = (
      await db
        .from('finance.entries')
        .where('organization_id', organization.id)
        .orderBy('number')
        .select('number')
    ).map((row) => row.number)
    assert.deepEqual(
      numbers,
      Array.from({ length: 8 }, (_, index) => `CA-2026-00000${index + 1}`)
    )
    const rollup = await db
      .from('finance.daily_balances as d')
      .join('finance.accounts as a', 'a.id', 'd.account_id')
      .where({ 'd.organization_id': organization.id, 'a.code': '5711' })
      .first()
    assert.equal(rollup.debit_minor, '80000')
    assert.equal(rollup.line_count, 8)
  })
})
