import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ApiRequest, type ApiClient } from '@japa/api-client'
import ExcelJS from 'exceljs'
import { extractText, getDocumentProxy } from 'unpdf'
import { events } from '@ia/kernel/contracts'
import { runQueuedJobs, type Organization, type User } from '@ia/platform/testing'
import { createCustomer } from '@ia/invoicing/testing'
import { financeQueries } from '../../../contracts/index.ts'
import { checkBalanceImmediately, createFinanceOrganization, financeUrl } from '../../helpers.ts'

type Setup = { client: ApiClient; owner: User; organization: Organization }

async function post(setup: Setup, body: Record<string, unknown>) {
  const response = await setup.client
    .post(financeUrl(setup.organization, '/entries'))
    .json({ currency: 'CDF', ...body })
    .loginAs(setup.owner)
    .withCsrfToken()
  response.assertStatus(201)
  return response.body().entry
}

function invoice(
  organizationId: string,
  facts: {
    id: string
    number: string
    customerId: string
    date: string
    due: string
    groups: Array<[string, string, string]>
  }
) {
  const net = facts.groups.reduce((sum, [, base]) => sum + Number(base), 0)
  const tax = facts.groups.reduce((sum, [, , groupTax]) => sum + Number(groupTax), 0)
  return events.publish(
    'invoicing.invoice.issued',
    {
      documentId: facts.id,
      number: facts.number,
      invoiceType: 'sale',
      clientCategory: 'PM',
      customerId: facts.customerId,
      customerName: facts.number,
      customerNif: null,
      issueDate: facts.date,
      dueDate: facts.due,
      currency: 'CDF',
      net: net.toFixed(2),
      tax: tax.toFixed(2),
      total: (net + tax).toFixed(2),
      taxGroups: facts.groups.map(([taxGroup, base, groupTax]) => ({
        taxGroup,
        taxRate: taxGroup === 'B' ? '16' : '0',
        base,
        tax: groupTax,
      })),
      reportingCurrency: 'CDF',
      exchangeRate: '1',
      exchangeRateDate: facts.date,
      reportingTotal: (net + tax).toFixed(2),
      bookCurrency: 'CDF',
      bookRate: '1',
    },
    { organizationId }
  )
}

/**
 * A small shop's March 2026: capital paid in, two invoices, a purchase on credit paid later, rent in
 * cash, bank fees, salaries, a customer paying part of an invoice by mobile money.
 */
async function smeMonth(setup: Setup) {
  const { organization } = setup
  const brasserie = await createCustomer(setup.client, setup.owner, organization, {
    name: 'Brasserie de Kinshasa',
  })
  const memling = await createCustomer(setup.client, setup.owner, organization, {
    name: 'Hôtel Memling',
  })
  await post(setup, {
    journal: 'OD',
    date: '2026-03-01',
    description: 'Apport en capital',
    lines: [
      { account: '521', debit: '5000000.00' },
      { account: '1013', credit: '5000000.00' },
    ],
  })
  await invoice(organization.id, {
    id: '3f1b7c0e-0d55-4c1e-9b9a-0a1b2c3d4e01',
    number: 'FA-2026-0001',
    customerId: brasserie,
    date: '2026-03-02',
    due: '2026-03-17',
    groups: [['B', '1000000.00', '160000.00']],
  })
  await post(setup, {
    journal: 'OD',
    date: '2026-03-03',
    description: 'Retrait banque pour la caisse',
    lines: [
      { account: '5711', debit: '300000.00' },
      { account: '521', credit: '300000.00' },
    ],
  })
  await post(setup, {
    journal: 'AC',
    date: '2026-03-05',
    description: 'Facture fournisseur FF-77',
    lines: [
      { account: '6011', debit: '400000.00' },
      { account: '4452', debit: '64000.00' },
      { account: '4011', credit: '464000.00' },
    ],
  })
  await post(setup, {
    journal: 'CA',
    date: '2026-03-10',
    description: 'Loyer de mars',
    lines: [
      { account: '6222', debit: '250000.00' },
      { account: '5711', credit: '250000.00' },
    ],
  })
  await invoice(organization.id, {
    id: '3f1b7c0e-0d55-4c1e-9b9a-0a1b2c3d4e02',
    number: 'FA-2026-0002',
    customerId: memling,
    date: '2026-03-15',
    due: '2026-04-14',
    groups: [
      ['B', '500000.00', '80000.00'],
      ['A', '100000.00', '0.00'],
    ],
  })
  await events.publish(
    'invoicing.payment.recorded',
    {
      paymentId: '3f1b7c0e-0d55-4c1e-9b9a-0a1b2c3d4e03',
      method: 'mobile_money',
      reference: 'MPESA-889',
      receivedOn: '2026-03-20',
      customerId: brasserie,
      currency: 'CDF',
      amount: '700000.00',
      bookCurrency: 'CDF',
      exchangeDifference: '0.00',
      allocations: [
        {
          documentId: '3f1b7c0e-0d55-4c1e-9b9a-0a1b2c3d4e01',
          number: 'FA-2026-0001',
          currency: 'CDF',
          applied: '700000.00',
          amount: '700000.00',
          exchangeRate: null,
          exchangeDifference: '0.00',
        },
      ],
    },
    { organizationId: organization.id }
  )
  await post(setup, {
    journal: 'BQ',
    date: '2026-03-25',
    description: 'Règlement FF-77',
    lines: [
      { account: '4011', debit: '464000.00' },
      { account: '521', credit: '464000.00' },
    ],
  })
  await post(setup, {
    journal: 'BQ',
    date: '2026-03-28',
    description: 'Frais bancaires',
    lines: [
      { account: '6318', debit: '15000.00' },
      { account: '521', credit: '15000.00' },
    ],
  })
  await post(setup, {
    journal: 'BQ',
    date: '2026-03-31',
    description: 'Salaires de mars',
    lines: [
      { account: '6611', debit: '600000.00' },
      { account: '521', credit: '600000.00' },
    ],
  })
  await runQueuedJobs()
}

const march = 'from=2026-03-01&to=2026-03-31'

// The client buffers PDF bodies by itself; an XLSX body needs to be collected the same way.
ApiRequest.addParser(
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  (response, callback) => {
    const chunks: Buffer[] = []
    response.on('data', (chunk: Buffer) => chunks.push(chunk))
    response.on('end', () => callback(null, Buffer.concat(chunks)))
  }
)

test.group('Finance / reports on a small business month', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => checkBalanceImmediately())

  test('income statement, balance sheet, trial balance, TVA and ageing give the expected figures', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createFinanceOrganization()
    await smeMonth({ client, owner, organization })
    const get = async (path: string) => {
      const response = await client.get(financeUrl(organization, path)).loginAs(owner)
      response.assertStatus(200)
      return response.body().report
    }

    const income = await get(`/reports/income-statement?${march}`)
    const line = (ref: string) =>
      income.lines.find((entry: { ref: string }) => entry.ref === ref).amount
    assert.equal(line('TA'), '1600000.00')
    assert.equal(line('RA'), '400000.00')
    assert.equal(line('RH'), '265000.00')
    assert.equal(line('RK'), '600000.00')
    assert.containsSubset(income.totals, {
      XA: '1200000.00',
      XB: '1600000.00',
      XC: '935000.00',
      XD: '335000.00',
      XE: '335000.00',
      XF: '0.00',
      XI: '335000.00',
    })

    const sheet = await get('/reports/balance-sheet?at=2026-03-31')
    const asset = (ref: string) =>
      sheet.assets.find((entry: { ref: string }) => entry.ref === ref).amount
    const liability = (ref: string) =>
      sheet.liabilities.find((entry: { ref: string }) => entry.ref === ref).amount
    assert.equal(asset('BS'), '4371000.00')
    assert.equal(asset('BI'), '1140000.00')
    assert.equal(asset('BJ'), '64000.00')
    assert.equal(liability('CA'), '5000000.00')
    assert.equal(liability('CJ'), '335000.00')
    assert.equal(liability('DK'), '240000.00')
    assert.equal(sheet.totalAssets, '5575000.00')
    assert.equal(sheet.totalLiabilities, '5575000.00')

    const trial = await get(`/reports/trial-balance?${march}`)
    assert.equal(trial.totals.debit, trial.totals.credit)
    assert.equal(trial.totals.closing, '0.00')
    assert.containsSubset(
      trial.rows.find((row: { code: string }) => row.code === '521'),
      { opening: '0.00', debit: '5000000.00', credit: '1379000.00', closing: '3621000.00' }
    )

    const vat = await get('/reports/vat?from=2026-02-01&to=2026-03-31')
    assert.deepEqual(vat.months, [
      { month: '2026-02', collected: '0.00', deductible: '0.00', due: '0.00' },
      { month: '2026-03', collected: '240000.00', deductible: '64000.00', due: '176000.00' },
    ])

    const receivables = await get('/reports/ageing?side=receivables&at=2026-03-31')
    assert.deepEqual(
      receivables.partners.map((partner: Record<string, string>) => [
        partner.name,
        partner.notDue,
        partner.days1To30,
        partner.total,
      ]),
      [
        ['Brasserie de Kinshasa', '0.00', '460000.00', '460000.00'],
        ['Hôtel Memling', '680000.00', '0.00', '680000.00'],
      ]
    )
    assert.equal(receivables.totals.total, '1140000.00')
    const payables = await get('/reports/ageing?side=payables&at=2026-03-31')
    assert.lengthOf(payables.partners, 0)

    const board = await get('/reports/dashboard?from=2026-02-01&to=2026-03-31')
    assert.deepEqual(board.months, [
      { month: '2026-02', revenue: '0.00', expenses: '0.00', profit: '0.00' },
      { month: '2026-03', revenue: '1600000.00', expenses: '1265000.00', profit: '335000.00' },
    ])
    assert.equal(board.cash.total, '4371000.00')

    const ledger = await get(`/reports/general-ledger?account=521&${march}`)
    assert.equal(ledger.opening, '0.00')
    assert.equal(ledger.closing, '3621000.00')
    assert.deepEqual(
      ledger.lines.map((entry: { balance: string }) => entry.balance),
      ['5000000.00', '4700000.00', '4236000.00', '4221000.00', '3621000.00']
    )
  })

  test('the reports read back as XLSX, CSV and PDF', async ({ client, assert }) => {
    const { owner, organization } = await createFinanceOrganization()
    await smeMonth({ client, owner, organization })

    const xlsx = await client
      .get(financeUrl(organization, `/reports/trial-balance?${march}&format=xlsx&lang=fr`))
      .loginAs(owner)
    xlsx.assertStatus(200)
    assert.include(xlsx.header('content-type'), 'spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(new Uint8Array(xlsx.body() as Buffer).buffer)
    const sheet = workbook.worksheets[0]
    assert.equal(sheet.getCell('A1').value, 'Balance générale')
    assert.deepEqual(sheet.getRow(4).values, [
      undefined,
      'Compte',
      'Intitulé',
      "Solde d'ouverture",
      'Débit',
      'Crédit',
      'Solde de clôture',
    ])
    const bank = sheet
      .getRows(5, sheet.rowCount - 4)!
      .find((row) => row.getCell(1).value === '521')!
    assert.equal(bank.getCell(6).value, 3621000)
    assert.equal(bank.getCell(2).value, 'Banques locales')

    const csv = await client
      .get(financeUrl(organization, `/reports/vat?${march}&format=csv&lang=en`))
      .loginAs(owner)
    csv.assertStatus(200)
    const text = csv.text().replace(/^\uFEFF/, '')
    assert.deepEqual(text.trim().split('\n'), [
      'Month,VAT collected,VAT deductible,VAT due',
      '2026-03,240000.00,64000.00,176000.00',
      'Total,240000.00,64000.00,176000.00',
    ])

    const pdf = await client
      .get(financeUrl(organization, `/reports/income-statement?${march}&format=pdf&lang=en`))
      .loginAs(owner)
    pdf.assertStatus(200)
    assert.equal(pdf.header('content-type'), 'application/pdf')
    const document = await getDocumentProxy(new Uint8Array(pdf.body() as Buffer))
    const { text: printed } = await extractText(document, { mergePages: true })
    assert.include(printed, 'Income statement')
    assert.include(printed, 'Net result')
    assert.include(printed, '335,000.00')
    assert.include(printed, '1,600,000.00')
  })

  test("another organisation's entries, accounts and reports stay out of reach", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createFinanceOrganization()
    await smeMonth({ client, owner, organization })
    const other = await createFinanceOrganization({ name: 'Autre' })
    const created = await client
      .post(financeUrl(organization, '/accounts'))
      .json({
        parentCode: '4111',
        code: '41110001',
        nameFr: 'Client Memling',
        nameEn: 'Memling customer',
      })
      .loginAs(owner)
      .withCsrfToken()
    created.assertStatus(201)
    const entries = await client.get(financeUrl(organization, '/entries')).loginAs(owner)
    const entryId = entries.body().data[0].id

    const asOther = (path: string) =>
      client.get(financeUrl(other.organization, path)).loginAs(other.owner)
    ;(await asOther(`/entries/${entryId}`)).assertStatus(404)
    const reversed = await client
      .post(financeUrl(other.organization, `/entries/${entryId}/reverse`))
      .json({})
      .loginAs(other.owner)
      .withCsrfToken()
    reversed.assertStatus(404)
    const usingForeignAccount = await client
      .post(financeUrl(other.organization, '/entries'))
      .json({
        journal: 'OD',
        date: '2026-03-05',
        description: 'Compte d’une autre organisation',
        currency: 'CDF',
        lines: [
          { account: '41110001', debit: '10.00' },
          { account: '7011', credit: '10.00' },
        ],
      })
      .loginAs(other.owner)
      .withCsrfToken()
    usingForeignAccount.assertStatus(422)
    assert.equal(usingForeignAccount.body().errors[0].field, 'lines.0.account')
    const theirs = (await asOther(`/reports/trial-balance?${march}`)).body().report
    assert.lengthOf(theirs.rows, 0)
    // The owner of the first organisation is not a member of the second.
    ;(await client.get(financeUrl(other.organization, '/entries')).loginAs(owner)).assertStatus(404)
  })
})

test.group('Finance / read-only queries for the assistant', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => checkBalanceImmediately())

  test('period summary, cash position, top expenses and an account balance', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createFinanceOrganization()
    await smeMonth({ client, owner, organization })
    const period = { from: '2026-03-01', to: '2026-03-31' }
    assert.containsSubset(await financeQueries.periodSummary(organization.id, period), {
      currency: 'CDF',
      revenue: '1600000.00',
      expenses: '1265000.00',
      netResult: '335000.00',
    })
    const cash = await financeQueries.cashPosition(organization.id, '2026-03-31')
    assert.deepEqual(
      cash.accounts.map((account) => [account.code, account.balance]),
      [
        ['521', '3621000.00'],
        ['552', '700000.00'],
        ['5711', '50000.00'],
      ]
    )
    assert.equal(cash.total, '4371000.00')
    const top = await financeQueries.topExpenses(organization.id, { ...period, limit: 2 })
    assert.deepEqual(
      top.expenses.map((expense) => [expense.code, expense.amount]),
      [
        ['6611', '600000.00'],
        ['6011', '400000.00'],
      ]
    )
    assert.containsSubset(
      await financeQueries.accountBalance(organization.id, '4111', '2026-03-19'),
      {
        balance: '1840000.00',
      }
    )
    assert.isNull(await financeQueries.accountBalance(organization.id, '4999', '2026-03-31'))
  })
})
