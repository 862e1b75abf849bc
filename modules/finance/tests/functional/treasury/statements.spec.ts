import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { runQueuedJobs, type Organization, type User } from '@ia/platform/testing'
import {
  category,
  countRows,
  createTreasuryOrganization,
  financeUrl,
  openAccount,
  send,
} from '../../treasury_helpers.ts'

/** An M-Pesa export: receipt numbers, date and time, paid in and withdrawn columns. */
const MPESA_CSV = [
  'Receipt No.,Completion Time,Details,Paid In,Withdrawn,Balance',
  'RKA1,2026-02-03 09:12:00,Paiement client Kasongo F-2026-0004,150000,,150000',
  'RKA2,2026-02-05 17:40:10,Achat carburant,,58000,92000',
  'RKA3,2026-02-06 08:00:00,Frais de retrait,,1500,90500',
  'RKA4,2026-02-31 08:00:00,Date impossible,,100,90400',
].join('\n')

async function upload(
  client: ApiClient,
  owner: User,
  organization: Organization,
  path: string,
  accountId: string,
  content: string,
  filename = 'mpesa.csv'
) {
  return client
    .post(financeUrl(organization, path))
    .loginAs(owner)
    .withCsrfToken()
    .field('accountId', accountId)
    .file('file', Buffer.from(content), { filename })
}

async function importAndConfirm(
  client: ApiClient,
  owner: User,
  organization: Organization,
  accountId: string,
  content: string
) {
  const started = await upload(client, owner, organization, '/statements', accountId, content)
  started.assertStatus(202)
  await runQueuedJobs()
  const id = started.body().import.id
  const confirmed = await send(
    client,
    owner,
    'post',
    financeUrl(organization, `/statements/${id}/confirm`)
  )
  confirmed.assertStatus(200)
  return confirmed.body().import
}

test.group('Finance / statement import', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('previews a mobile-money CSV with its guessed columns and refused rows, keeping nothing', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const wallet = await openAccount(client, owner, organization, {
      kind: 'mobile_money',
      provider: 'mpesa',
      name: 'M-Pesa',
      currency: 'CDF',
    })
    const response = await upload(
      client,
      owner,
      organization,
      '/statements/preview',
      wallet.id,
      MPESA_CSV
    )
    response.assertStatus(200)
    const preview = response.body()
    assert.equal(preview.format, 'csv')
    assert.deepEqual(preview.reading.mapping, {
      reference: 0,
      date: 1,
      description: 2,
      credit: 3,
      debit: 4,
    })
    assert.equal(preview.movementCount, 3)
    assert.deepEqual(
      preview.movements.map((movement: { amount: string }) => movement.amount),
      ['150000', '-58000', '-1500']
    )
    assert.deepEqual(preview.rowErrors, [{ line: 5, field: 'date', message: 'Date illisible.' }])
    assert.equal(await countRows('statement_imports', organization.id), 0)
  })

  test('imports only once confirmed, then finds every line of the same file again as a duplicate', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const wallet = await openAccount(client, owner, organization, {
      kind: 'mobile_money',
      provider: 'mpesa',
      name: 'M-Pesa',
      currency: 'CDF',
    })
    const started = await upload(client, owner, organization, '/statements', wallet.id, MPESA_CSV)
    started.assertStatus(202)
    assert.equal(started.body().import.status, 'analysing')
    await runQueuedJobs()
    const id = started.body().import.id
    const analysed = await client.get(financeUrl(organization, `/statements/${id}`)).loginAs(owner)
    analysed.assertStatus(200)
    assert.equal(analysed.body().import.status, 'ready')
    assert.deepEqual(
      analysed
        .body()
        .lines.map((line: { status: string; amount: string }) => [line.status, line.amount]),
      [
        ['preview', '150000.00'],
        ['preview', '-58000.00'],
        ['preview', '-1500.00'],
      ]
    )
    assert.deepEqual(analysed.body().import.rowErrors, [
      { line: 5, field: 'date', message: 'Date illisible.' },
    ])
    const reconciliationBefore = await client
      .get(financeUrl(organization, `/treasury-accounts/${wallet.id}/reconciliation`))
      .loginAs(owner)
    assert.lengthOf(reconciliationBefore.body().data, 0)

    const confirmed = await send(
      client,
      owner,
      'post',
      financeUrl(organization, `/statements/${id}/confirm`)
    )
    confirmed.assertStatus(200)
    assert.equal(confirmed.body().import.status, 'confirmed')
    const again = await send(
      client,
      owner,
      'post',
      financeUrl(organization, `/statements/${id}/confirm`)
    )
    again.assertStatus(409)

    const second = await importAndConfirm(client, owner, organization, wallet.id, MPESA_CSV)
    assert.equal(second.duplicateCount, 3)
    const statuses = await db
      .from('finance.statement_lines')
      .where('organization_id', organization.id)
      .groupBy('status')
      .select('status')
      .count('* as total')
    assert.deepEqual(Object.fromEntries(statuses.map((row) => [row.status, Number(row.total)])), {
      unmatched: 3,
      duplicate: 3,
    })
  })

  test('refuses a malformed CAMT.053 and a statement in another currency at once, naming the file', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const bank = await openAccount(client, owner, organization, {
      kind: 'bank',
      name: 'TMB',
      currency: 'CDF',
    })
    const malformed = await upload(
      client,
      owner,
      organization,
      '/statements',
      bank.id,
      '<?xml version="1.0"?>\n<Document><BkToCstmrStmt>\n<Stmt></BkToCstmrStmt>',
      'releve.xml'
    )
    malformed.assertStatus(422)
    assert.equal(malformed.body().errors[0].field, 'file')
    assert.equal(malformed.body().errors[0].code, 'E_STATEMENT_MALFORMED')
    const ofx = [
      'OFXHEADER:100',
      '',
      '<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKTRANLIST>',
      '<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260203<TRNAMT>10.00<FITID>1</STMTTRN>',
      '</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>',
    ].join('\n')
    const otherCurrency = await upload(
      client,
      owner,
      organization,
      '/statements',
      bank.id,
      ofx,
      'x.ofx'
    )
    otherCurrency.assertStatus(422)
    assert.equal(otherCurrency.body().errors[0].code, 'E_STATEMENT_CURRENCY')
    assert.equal(await countRows('statement_imports', organization.id), 0)
  })

  test("hides another organisation's import and account", async ({ client }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const other = await createTreasuryOrganization(client)
    const theirs = await openAccount(client, other.owner, other.organization, {
      kind: 'mobile_money',
      provider: 'mpesa',
      name: 'M-Pesa',
      currency: 'CDF',
    })
    const started = await upload(
      client,
      other.owner,
      other.organization,
      '/statements',
      theirs.id,
      MPESA_CSV
    )
    started.assertStatus(202)
    const id = started.body().import.id
    ;(await client.get(financeUrl(organization, `/statements/${id}`)).loginAs(owner)).assertStatus(
      404
    )
    ;(
      await send(client, owner, 'post', financeUrl(organization, `/statements/${id}/confirm`))
    ).assertStatus(404)
    const intoTheirs = await upload(
      client,
      owner,
      organization,
      '/statements',
      theirs.id,
      MPESA_CSV
    )
    intoTheirs.assertStatus(422)
    ;(
      await client
        .get(financeUrl(organization, `/treasury-accounts/${theirs.id}/reconciliation`))
        .loginAs(owner)
    ).assertStatus(404)
  })
})

test.group('Finance / reconciliation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('suggests the recorded transaction of the same amount, confirms it, and turns the rest into transactions', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const wallet = await openAccount(client, owner, organization, {
      kind: 'mobile_money',
      provider: 'mpesa',
      name: 'M-Pesa',
      currency: 'CDF',
    })
    const utilities = await category(client, owner, organization, 'utilities')
    const bankFees = await category(client, owner, organization, 'bank_fees')
    const sales = await category(client, owner, organization, 'sales')
    const recorded = await send(client, owner, 'post', financeUrl(organization, '/transactions'), {
      kind: 'expense',
      date: '2026-02-04',
      accountId: wallet.id,
      amount: '58000',
      categoryId: utilities.id,
      description: 'Carburant',
      reference: 'RKA2',
    })
    recorded.assertStatus(201)
    // Same amount a week away, no reference: offered, ranked below.
    const decoy = await send(client, owner, 'post', financeUrl(organization, '/transactions'), {
      kind: 'expense',
      date: '2026-02-12',
      accountId: wallet.id,
      amount: '58000',
      categoryId: utilities.id,
      description: 'Carburant semaine suivante',
    })
    decoy.assertStatus(201)
    await importAndConfirm(client, owner, organization, wallet.id, MPESA_CSV)

    const view = await client
      .get(financeUrl(organization, `/treasury-accounts/${wallet.id}/reconciliation`))
      .loginAs(owner)
    view.assertStatus(200)
    const items = view.body().data as {
      line: { id: string; amount: string }
      suggestions: { entryId: string; reasons: string[] }[]
    }[]
    assert.deepEqual(
      items.map((item) => [item.line.amount, item.suggestions.length]),
      [
        ['150000.00', 0],
        ['-58000.00', 2],
        ['-1500.00', 0],
      ]
    )
    const [best, second] = items[1].suggestions
    assert.equal(best.entryId, recorded.body().transaction.entryId)
    assert.deepEqual(best.reasons, ['amount', 'date', 'reference'])
    assert.equal(second.entryId, decoy.body().transaction.entryId)

    const wrong = await send(
      client,
      owner,
      'post',
      financeUrl(organization, '/reconciliation/match'),
      {
        statementLineId: items[0].line.id,
        entryId: best.entryId,
      }
    )
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].field, 'entryId')
    const matched = await send(
      client,
      owner,
      'post',
      financeUrl(organization, '/reconciliation/match'),
      {
        statementLineId: items[1].line.id,
        entryId: best.entryId,
      }
    )
    matched.assertStatus(204)
    const twice = await send(
      client,
      owner,
      'post',
      financeUrl(organization, '/reconciliation/match'),
      {
        statementLineId: items[1].line.id,
        entryId: second.entryId,
      }
    )
    twice.assertStatus(409)
    const other = await createTreasuryOrganization(client)
    const foreignLine = await send(
      client,
      other.owner,
      'post',
      financeUrl(other.organization, '/reconciliation/unmatch'),
      {
        statementLineId: items[1].line.id,
      }
    )
    foreignLine.assertStatus(422)
    assert.equal(foreignLine.body().errors[0].field, 'statementLineId')
    const undone = await send(
      client,
      owner,
      'post',
      financeUrl(organization, '/reconciliation/unmatch'),
      {
        statementLineId: items[1].line.id,
      }
    )
    undone.assertStatus(204)
    ;(
      await send(client, owner, 'post', financeUrl(organization, '/reconciliation/match'), {
        statementLineId: items[1].line.id,
        entryId: best.entryId,
      })
    ).assertStatus(204)

    const fee = await send(
      client,
      owner,
      'post',
      financeUrl(organization, '/reconciliation/transaction'),
      {
        statementLineId: items[2].line.id,
        categoryId: bankFees.id,
      }
    )
    fee.assertStatus(201)
    const wrongKind = await send(
      client,
      owner,
      'post',
      financeUrl(organization, '/reconciliation/transaction'),
      {
        statementLineId: items[0].line.id,
        categoryId: bankFees.id,
      }
    )
    wrongKind.assertStatus(422)
    assert.equal(wrongKind.body().errors[0].field, 'categoryId')
    const income = await send(
      client,
      owner,
      'post',
      financeUrl(organization, '/reconciliation/transaction'),
      {
        statementLineId: items[0].line.id,
        categoryId: sales.id,
      }
    )
    income.assertStatus(201)

    const after = await client
      .get(financeUrl(organization, `/treasury-accounts/${wallet.id}/reconciliation`))
      .loginAs(owner)
    assert.lengthOf(after.body().data, 0)
    const transactions = await client.get(financeUrl(organization, '/transactions')).loginAs(owner)
    const fromLines = transactions
      .body()
      .data.filter((row: { reference: string | null }) =>
        ['RKA1', 'RKA3'].includes(row.reference ?? '')
      )
    assert.deepEqual(
      fromLines
        .map((row: { kind: string; amount: string; date: string }) => [
          row.kind,
          row.amount,
          row.date,
        ])
        .sort(),
      [
        ['expense', '1500.00', '2026-02-06'],
        ['income', '150000.00', '2026-02-03'],
      ]
    )
    const wallets = await client
      .get(financeUrl(organization, `/treasury-accounts/${wallet.id}`))
      .loginAs(owner)
    // Books: -58,000 twice (one not yet on the statement), -1,500, +150,000.
    assert.equal(wallets.body().account.balance, '32500.00')
  })
})
