import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { runQueuedJobs } from '@ia/platform/testing'
import {
  createTreasuryOrganization,
  entryLines,
  openAccount,
  send,
} from '../../treasury_helpers.ts'

test.group('Finance / invoice payments into treasury accounts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a mobile-money payment is booked on the wallet that receives payments, a cash one on the only cash box', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createTreasuryOrganization(client)
    await openAccount(client, owner, organization, {
      kind: 'mobile_money',
      provider: 'orange_money',
      name: 'Orange Money',
      currency: 'CDF',
    })
    const mpesa = await openAccount(client, owner, organization, {
      kind: 'mobile_money',
      provider: 'mpesa',
      name: 'M-Pesa boutique',
      currency: 'CDF',
      receivesPayments: true,
    })
    const till = await openAccount(client, owner, organization, {
      kind: 'cash',
      name: 'Caisse',
      currency: 'CDF',
    })
    const orgUrl = `/api/v1/orgs/${organization.id}`
    const customer = await send(client, owner, 'post', `${orgUrl}/contacts`, {
      kind: 'company',
      name: 'Kasongo SARL',
      isCustomer: true,
    })
    customer.assertStatus(201)
    const draft = await send(client, owner, 'post', `${orgUrl}/invoicing/documents`, {
      kind: 'invoice',
      customerId: customer.body().contact.id,
      currency: 'CDF',
      lines: [{ description: 'Service', quantity: '1', unitPrice: '30000', taxGroup: 'A' }],
    })
    draft.assertStatus(201)
    const invoiceId = draft.body().document.id
    ;(
      await send(client, owner, 'post', `${orgUrl}/invoicing/documents/${invoiceId}/issue`)
    ).assertStatus(200)
    for (const method of ['mobile_money', 'cash']) {
      const payment = await send(client, owner, 'post', `${orgUrl}/invoicing/payments`, {
        method,
        currency: 'CDF',
        allocations: [{ documentId: invoiceId, amount: '10000' }],
      })
      payment.assertStatus(201)
    }
    await runQueuedJobs()

    const payments = await db
      .from('finance.entries')
      .where({ organization_id: organization.id, source_type: 'invoicing.payment' })
      .orderBy('number')
      .select('id', 'number')
    assert.lengthOf(payments, 2)
    const booked = await Promise.all(payments.map((entry) => entryLines(entry.id)))
    const treasurySides = booked.map((lines) => lines.find((line) => line.debit > 0n)!.code).sort()
    assert.deepEqual(treasurySides, [till.accountCode, mpesa.accountCode].sort())
    assert.equal(mpesa.accountCode, '55202')

    // The invoice makes its customer the top one, and the 10,000 left after two payments of 10,000 is owed, not yet due.
    const today = new Date().toISOString().slice(0, 10)
    const dashboard = await client
      .get(`${orgUrl}/finance/dashboard`)
      .qs({ from: `${today.slice(0, 4)}-01-01`, to: today })
      .loginAs(owner)
    dashboard.assertStatus(200)
    assert.deepEqual(
      dashboard
        .body()
        .topCustomers.map((row: { name: string; invoiced: string }) => [row.name, row.invoiced]),
      [['Kasongo SARL', '30000.00']]
    )
    assert.equal(
      dashboard.body().receivablesAgeing.find((row: { bucket: string }) => row.bucket === 'current')
        .amount,
      '10000.00'
    )
  })
})
