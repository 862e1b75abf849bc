import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { events } from '@ia/kernel/contracts'
import { handledCount, redeliverMessage, runQueuedJobs } from '@ia/platform/testing'
import { createCustomer, createDraft, invoicingUrl, issue, recordRate } from '@ia/invoicing/testing'
import type { InvoiceIssued } from '@ia/invoicing/contracts'
import {
  balancesByAccount,
  checkBalanceImmediately,
  createFinanceOrganization,
  financeUrl,
} from '../../helpers.ts'

/** An invoice's facts as invoicing publishes them, in CDF, one 16 % group and one exempt group. */
function invoiceFacts(overrides: Partial<InvoiceIssued> = {}): InvoiceIssued {
  return {
    documentId: '5b1f2d8e-8a7c-4d52-9a44-3b2c1d0e9f01',
    number: 'FA-2026-0001',
    invoiceType: 'sale',
    clientCategory: 'PM',
    customerId: '0f6d6a56-1d6e-4b5f-8c83-6f1f0ad3a111',
    customerName: 'Brasserie de Kinshasa',
    customerNif: null,
    issueDate: '2026-03-02',
    dueDate: '2026-04-01',
    currency: 'CDF',
    net: '150000.00',
    tax: '16000.00',
    total: '166000.00',
    taxGroups: [
      { taxGroup: 'B', taxRate: '16', base: '100000.00', tax: '16000.00' },
      { taxGroup: 'A', taxRate: '0', base: '50000.00', tax: '0.00' },
    ],
    reportingCurrency: 'CDF',
    exchangeRate: '1',
    exchangeRateDate: '2026-03-02',
    reportingTotal: '166000.00',
    bookCurrency: 'CDF',
    bookRate: '1',
    ...overrides,
  }
}

async function entriesOf(organizationId: string) {
  return db
    .from('finance.entries')
    .where('organization_id', organizationId)
    .orderBy('number')
    .select('id', 'number', 'source_type', 'source_id', 'reverses_entry_id')
}

test.group('Finance / booking invoicing events', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => checkBalanceImmediately())

  test('an issued invoice books 4111 against sales and 4431 per tax group', async ({ assert }) => {
    const { organization } = await createFinanceOrganization()
    await events.publish('invoicing.invoice.issued', invoiceFacts(), {
      organizationId: organization.id,
    })
    await runQueuedJobs()
    const entries = await entriesOf(organization.id)
    assert.lengthOf(entries, 1)
    assert.containsSubset(entries[0], {
      number: 'VT-2026-000001',
      source_type: 'invoicing.invoice',
    })
    assert.deepEqual(await balancesByAccount(organization.id), {
      '4111': 16600000n,
      '7011': -15000000n,
      '4431': -1600000n,
    })
  })

  test('a redelivered or re-published event books nothing more', async ({ assert }) => {
    const { organization } = await createFinanceOrganization()
    const eventId = await events.publish('invoicing.invoice.issued', invoiceFacts(), {
      organizationId: organization.id,
    })
    await runQueuedJobs()
    // The broker delivers the same message again: a copy of its outbox row, not yet published.
    await redeliverMessage(eventId)
    await runQueuedJobs()
    // The same facts published again under a new event id.
    await events.publish('invoicing.invoice.issued', invoiceFacts(), {
      organizationId: organization.id,
    })
    await runQueuedJobs()
    assert.lengthOf(await entriesOf(organization.id), 1)
    assert.equal(await handledCount(eventId, 'finance.ledger'), 1)
  })

  test('an organisation without finance books nothing', async ({ assert }) => {
    const { organization } = await createFinanceOrganization()
    const other = await createFinanceOrganization({ name: 'Sans finance' })
    await db.from('finance.settings').where('organization_id', other.organization.id).delete()
    await events.publish('invoicing.invoice.issued', invoiceFacts(), {
      organizationId: other.organization.id,
    })
    await runQueuedJobs()
    assert.lengthOf(await entriesOf(other.organization.id), 0)
    assert.lengthOf(await entriesOf(organization.id), 0)
  })

  test("a payment's reversal handled before the payment itself is carried out once the payment is booked", async ({
    assert,
  }) => {
    const { organization } = await createFinanceOrganization()
    const facts = invoiceFacts()
    const payment = {
      paymentId: '3c9e1a27-6b0d-4e8f-a1c2-5d4e3f2a1b09',
      method: 'cash' as const,
      reference: null,
      receivedOn: '2026-03-10',
      customerId: facts.customerId,
      currency: 'CDF',
      amount: '166000.00',
      bookCurrency: 'CDF',
      exchangeDifference: '0.00',
    }
    await events.publish('invoicing.invoice.issued', facts, { organizationId: organization.id })
    await runQueuedJobs()
    await events.publish(
      'invoicing.payment.reversed',
      { ...payment, allocations: [], reason: 'Chèque refusé' },
      { organizationId: organization.id }
    )
    await runQueuedJobs()
    assert.lengthOf(await entriesOf(organization.id), 1, 'nothing to reverse yet')
    await events.publish(
      'invoicing.payment.recorded',
      {
        ...payment,
        allocations: [
          {
            documentId: facts.documentId,
            number: facts.number,
            currency: 'CDF',
            applied: '166000.00',
            amount: '166000.00',
            exchangeRate: null,
            exchangeDifference: '0.00',
          },
        ],
      },
      { organizationId: organization.id }
    )
    await runQueuedJobs()
    const entries = await entriesOf(organization.id)
    const paid = entries.find((entry) => entry.source_id === payment.paymentId)!
    assert.lengthOf(entries, 3)
    assert.equal(entries.filter((entry) => entry.reverses_entry_id === paid.id).length, 1)
    assert.equal((await balancesByAccount(organization.id))['4111'], 16600000n)
  })

  test('a foreign-currency payment books the treasury at the day rate and the exchange difference', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createFinanceOrganization()
    const facts = invoiceFacts({
      currency: 'USD',
      net: '100.00',
      tax: '16.00',
      total: '116.00',
      taxGroups: [{ taxGroup: 'B', taxRate: '16', base: '100.00', tax: '16.00' }],
      bookRate: '2800',
    })
    await events.publish('invoicing.invoice.issued', facts, { organizationId: organization.id })
    await recordRate(client, owner, organization, 'USD', 'CDF', '2850', '2026-03-20')
    await events.publish(
      'invoicing.payment.recorded',
      {
        paymentId: '7a1e3f51-3c1b-4f8c-9d55-2d7e1a9b4c02',
        method: 'mobile_money',
        reference: 'MP-1',
        receivedOn: '2026-03-20',
        customerId: facts.customerId,
        currency: 'USD',
        amount: '116.00',
        bookCurrency: 'CDF',
        exchangeDifference: '5800.00',
        allocations: [
          {
            documentId: facts.documentId,
            number: facts.number,
            currency: 'USD',
            applied: '116.00',
            amount: '116.00',
            exchangeRate: null,
            exchangeDifference: '5800.00',
          },
        ],
      },
      { organizationId: organization.id }
    )
    await runQueuedJobs()
    // 116 USD at 2,800 = 324,800 CDF owed; received at 2,850 = 330,600 CDF: a gain of 5,800.
    assert.deepEqual(await balancesByAccount(organization.id), {
      '4111': 0n,
      '7011': -28000000n,
      '4431': -4480000n,
      '552': 33060000n,
      '776': -580000n,
    })
    const entries = await entriesOf(organization.id)
    assert.deepEqual(
      entries.map((entry) => entry.number),
      ['MM-2026-000001', 'VT-2026-000001']
    )
  })

  test('through the invoicing API: issue, pay, credit and reverse the payment', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createFinanceOrganization()
    const customerId = await createCustomer(client, owner, organization)
    const draft = await createDraft(client, owner, organization, {
      customerId,
      currency: 'CDF',
      lines: [
        { description: 'Caisse de bière', quantity: '10', unitPrice: '10000', taxGroup: 'B' },
      ],
    })
    const invoice = (await issue(client, owner, organization, draft.body().document.id)).body()
      .document
    const paid = await client
      .post(invoicingUrl(organization, '/payments'))
      .json({
        method: 'cash',
        currency: 'CDF',
        allocations: [{ documentId: invoice.id, amount: '58000' }],
      })
      .loginAs(owner)
      .withCsrfToken()
    paid.assertStatus(201)
    const credit = await createDraft(client, owner, organization, {
      kind: 'credit_note',
      creditedDocumentId: invoice.id,
      lines: [{ description: 'Retour', quantity: '1', unitPrice: '10000', taxGroup: 'B' }],
    })
    ;(await issue(client, owner, organization, credit.body().document.id)).assertStatus(200)
    const reversed = await client
      .post(invoicingUrl(organization, `/payments/${paid.body().payment.id}/reverse`))
      .json({ reason: 'Chèque refusé' })
      .loginAs(owner)
      .withCsrfToken()
    reversed.assertStatus(200)
    await runQueuedJobs()

    const entries = await entriesOf(organization.id)
    assert.lengthOf(entries, 4)
    const [payment] = entries.filter(
      (entry) => entry.source_type === 'invoicing.payment' && !entry.reverses_entry_id
    )
    assert.isTrue(entries.some((entry) => entry.reverses_entry_id === payment.id))
    // 116,000 invoiced, 11,600 credited, the payment of 58,000 cancelled: 104,400 still owed.
    assert.deepEqual(await balancesByAccount(organization.id), {
      '4111': 10440000n,
      '7011': -9000000n,
      '4431': -1440000n,
      '5711': 0n,
    })
    const listed = await client
      .get(financeUrl(organization, `/entries?sourceType=invoicing.invoice&sourceId=${invoice.id}`))
      .loginAs(owner)
    listed.assertStatus(200)
    assert.lengthOf(listed.body().data, 1)
    assert.equal(listed.body().data[0].lines[0].accountCode, '4111')
  })
})
