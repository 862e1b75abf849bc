import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import {
  category,
  countRows,
  createTreasuryOrganization,
  entryLines,
  financeUrl,
  openAccount,
  send,
} from '../../treasury_helpers.ts'

/** The smallest valid PNG: a phone's receipt photo stands in for it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
)

test.group('Finance / treasury accounts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('opens cash, bank and mobile-money accounts under 5711, 521 and 552 with their opening entries', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const cash = await openAccount(client, owner, organization, {
      kind: 'cash',
      name: 'Caisse boutique',
      currency: 'CDF',
      openingBalance: '250000',
      receivesPayments: true,
    })
    const bank = await openAccount(client, owner, organization, {
      kind: 'bank',
      name: 'Rawbank USD',
      currency: 'USD',
      bankName: 'Rawbank',
      accountNumber: '05100-0001',
    })
    const wallet = await openAccount(client, owner, organization, {
      kind: 'mobile_money',
      provider: 'mpesa',
      name: 'M-Pesa',
      currency: 'CDF',
      openingBalance: '50000',
    })
    assert.equal(cash.accountCode, '571101')
    assert.equal(bank.accountCode, '52101')
    assert.equal(wallet.accountCode, '55201')
    assert.equal(cash.balance, '250000.00')
    assert.equal(bank.balance, '0.00')
    assert.equal(wallet.balance, '50000.00')

    const opening = await db
      .from('finance.entries')
      .where({
        organization_id: organization.id,
        source_type: 'treasury_opening',
        source_id: cash.id,
      })
      .firstOrFail()
    assert.deepEqual(
      (await entryLines(opening.id)).map(({ code, debit, credit }) => [code, debit, credit]),
      [
        ['571101', 25_000_000n, 0n],
        ['121', 0n, 25_000_000n],
      ]
    )
    const list = await client.get(financeUrl(organization, '/treasury-accounts')).loginAs(owner)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((account: { name: string }) => account.name),
      ['Rawbank USD', 'Caisse boutique', 'M-Pesa']
    )
  })

  test('refuses a wallet without operator, a currency the organisation does not use, and hides other organisations', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const noProvider = await send(
      client,
      owner,
      'post',
      financeUrl(organization, '/treasury-accounts'),
      {
        kind: 'mobile_money',
        name: 'Orange',
        currency: 'CDF',
        openingDate: '2026-01-01',
      }
    )
    noProvider.assertStatus(422)
    assert.equal(noProvider.body().errors[0].field, 'provider')
    const euro = await send(client, owner, 'post', financeUrl(organization, '/treasury-accounts'), {
      kind: 'cash',
      name: 'Caisse euros',
      currency: 'EUR',
      openingDate: '2026-01-01',
    })
    euro.assertStatus(422)
    assert.equal(euro.body().errors[0].field, 'currency')
    assert.equal(await countRows('treasury_accounts', organization.id), 0)

    const other = await createTreasuryOrganization(client)
    const theirs = await openAccount(client, other.owner, other.organization, {
      kind: 'cash',
      name: 'Leur caisse',
      currency: 'CDF',
    })
    const response = await client
      .get(financeUrl(organization, `/treasury-accounts/${theirs.id}`))
      .loginAs(owner)
    response.assertStatus(404)
  })
})

test.group('Finance / transactions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an expense with deductible TVA posts expense, 4452 and the treasury account, and keeps its receipt', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const cash = await openAccount(client, owner, organization, {
      kind: 'cash',
      name: 'Caisse',
      currency: 'CDF',
      openingBalance: '500000',
    })
    const fuel = await category(client, owner, organization, 'utilities')
    const response = await send(client, owner, 'post', financeUrl(organization, '/transactions'), {
      kind: 'expense',
      date: '2026-02-03',
      accountId: cash.id,
      amount: '58000',
      tax: '8000',
      categoryId: fuel.id,
      description: 'Carburant groupe électrogène',
      tags: ['groupe', 'groupe', 'énergie'],
    })
    response.assertStatus(201)
    const transaction = response.body().transaction
    assert.equal(transaction.amount, '58000.00')
    assert.equal(transaction.tax, '8000.00')
    assert.deepEqual(transaction.tags, ['groupe', 'énergie'])
    assert.deepEqual(
      (await entryLines(transaction.entryId)).map(({ code, debit, credit }) => [
        code,
        debit,
        credit,
      ]),
      [
        ['571101', 0n, 5_800_000n],
        [fuel.accountCode, 5_000_000n, 0n],
        ['4452', 800_000n, 0n],
      ]
    )

    const attached = await client
      .post(financeUrl(organization, '/receipts'))
      .loginAs(owner)
      .withCsrfToken()
      .field('transactionId', transaction.id)
      .file('file', PNG, { filename: 'recu.png' })
    attached.assertStatus(201)
    const [receipt] = attached.body().transaction.attachments
    assert.equal(receipt.contentType, 'image/png')
    assert.equal(receipt.fileName, 'recu.png')
    const link = await client
      .get(financeUrl(organization, `/transactions/${transaction.id}/attachments/${receipt.id}`))
      .loginAs(owner)
    link.assertStatus(200)
    assert.match(link.body().url, new RegExp(`/files/orgs/${organization.id}/`))

    const notAnImage = await client
      .post(financeUrl(organization, '/receipts'))
      .loginAs(owner)
      .withCsrfToken()
      .field('transactionId', transaction.id)
      .file('file', Buffer.from('MZ\u0000\u0001binary'), { filename: 'recu.png' })
    notAnImage.assertStatus(422)
    assert.equal(notAnImage.body().errors[0].field, 'file')

    const account = await client
      .get(financeUrl(organization, `/treasury-accounts/${cash.id}`))
      .loginAs(owner)
    assert.equal(account.body().account.balance, '442000.00')
  })

  test('an income with collected TVA credits its category and 4431', async ({ client, assert }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const wallet = await openAccount(client, owner, organization, {
      kind: 'mobile_money',
      provider: 'airtel_money',
      name: 'Airtel',
      currency: 'CDF',
    })
    const sales = await category(client, owner, organization, 'sales')
    const response = await send(client, owner, 'post', financeUrl(organization, '/transactions'), {
      kind: 'income',
      date: '2026-02-04',
      accountId: wallet.id,
      amount: '116000',
      tax: '16000',
      categoryId: sales.id,
      description: 'Vente comptoir',
    })
    response.assertStatus(201)
    assert.deepEqual(
      (await entryLines(response.body().transaction.entryId)).map(({ code, debit, credit }) => [
        code,
        debit,
        credit,
      ]),
      [
        ['55201', 11_600_000n, 0n],
        [sales.accountCode, 0n, 10_000_000n],
        ['4431', 0n, 1_600_000n],
      ]
    )
  })

  test('a transfer across currencies needs the rate and books both sides at one value', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const cash = await openAccount(client, owner, organization, {
      kind: 'cash',
      name: 'Caisse',
      currency: 'CDF',
      openingBalance: '3000000',
    })
    const bank = await openAccount(client, owner, organization, {
      kind: 'bank',
      name: 'Equity USD',
      currency: 'USD',
    })
    const url = financeUrl(organization, '/transactions')
    const base = {
      kind: 'transfer',
      date: '2026-02-05',
      accountId: cash.id,
      toAccountId: bank.id,
      amount: '2850000',
      description: 'Versement en banque',
    }
    const noRate = await send(client, owner, 'post', url, base)
    noRate.assertStatus(422)
    assert.equal(noRate.body().errors[0].field, 'rate')
    assert.equal(noRate.body().errors[0].code, 'E_TRANSFER_RATE_REQUIRED')

    const same = await send(client, owner, 'post', url, { ...base, toAccountId: cash.id })
    same.assertStatus(422)
    assert.equal(same.body().errors[0].field, 'toAccountId')
    assert.equal(await countRows('transactions', organization.id), 0)

    const response = await send(client, owner, 'post', url, { ...base, rate: '0.000350877' })
    assert.equal(response.status(), 201, JSON.stringify(response.body()))
    const transfer = response.body().transaction
    assert.equal(transfer.toAmount, '1000.00')
    assert.deepEqual(
      (await entryLines(transfer.entryId)).map(({ code, debit, credit, currency, amount }) => [
        code,
        debit,
        credit,
        currency,
        amount,
      ]),
      [
        ['52101', 285_000_000n, 0n, 'USD', 100_000n],
        ['571101', 0n, 285_000_000n, 'CDF', -285_000_000n],
      ]
    )
    const accounts = await client.get(financeUrl(organization, '/treasury-accounts')).loginAs(owner)
    const balances = Object.fromEntries(
      accounts.body().data.map((row: { name: string; balance: string }) => [row.name, row.balance])
    )
    assert.deepEqual(balances, { 'Caisse': '150000.00', 'Equity USD': '1000.00' })
  })

  test("refuses another organisation's account, category or supplier, naming the field, writing nothing", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const other = await createTreasuryOrganization(client)
    const mine = await openAccount(client, owner, organization, {
      kind: 'cash',
      name: 'Caisse',
      currency: 'CDF',
    })
    const theirs = await openAccount(client, other.owner, other.organization, {
      kind: 'cash',
      name: 'Caisse',
      currency: 'CDF',
    })
    const myRent = await category(client, owner, organization, 'rent')
    const theirRent = await category(client, other.owner, other.organization, 'rent')
    const supplier = await send(
      client,
      other.owner,
      'post',
      `/api/v1/orgs/${other.organization.id}/contacts`,
      {
        kind: 'company',
        name: 'Bailleur',
        isSupplier: true,
      }
    )
    supplier.assertStatus(201)
    const url = financeUrl(organization, '/transactions')
    const base = {
      kind: 'expense',
      date: '2026-02-01',
      accountId: mine.id,
      amount: '100',
      categoryId: myRent.id,
      description: 'Loyer',
    }
    for (const [change, field] of [
      [{ accountId: theirs.id }, 'accountId'],
      [{ categoryId: theirRent.id }, 'categoryId'],
      [{ contactId: supplier.body().contact.id }, 'contactId'],
      [{ kind: 'income' }, 'categoryId'],
      [{ tax: '100' }, 'tax'],
      [{ amount: '10.001' }, 'amount'],
    ] as const) {
      const response = await send(client, owner, 'post', url, { ...base, ...change })
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, JSON.stringify(change))
    }
    assert.equal(await countRows('transactions', organization.id), 0)
    assert.equal(
      await db
        .from('finance.entries')
        .where('organization_id', organization.id)
        .whereNot('source_type', 'treasury_opening')
        .count('* as total')
        .firstOrFail()
        .then((row) => Number(row.total)),
      0
    )
  })

  test('a transaction dated on or before the lock date is refused and leaves nothing behind', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    const cash = await openAccount(client, owner, organization, {
      kind: 'cash',
      name: 'Caisse',
      currency: 'CDF',
    })
    const rent = await category(client, owner, organization, 'rent')
    await db
      .from('finance.settings')
      .where('organization_id', organization.id)
      .update({ lock_date: '2026-01-31' })
    const response = await send(client, owner, 'post', financeUrl(organization, '/transactions'), {
      kind: 'expense',
      date: '2026-01-15',
      accountId: cash.id,
      amount: '100',
      categoryId: rent.id,
      description: 'Loyer janvier',
    })
    response.assertStatus(422)
    assert.equal(response.body().errors[0].field, 'date')
    assert.equal(await countRows('transactions', organization.id), 0)
  })
})
