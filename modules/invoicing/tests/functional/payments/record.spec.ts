import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { ApiClient } from '@japa/api-client'
import type { Organization, User } from '@ia/platform/testing'
import {
  createCustomer,
  createDraft,
  createInvoicingOrganization,
  invoicingUrl,
  issue,
  recordRate,
} from '../../helpers.ts'
import { deliveredEvents } from '../../ledger_events.ts'

const today = DateTime.now().toISODate()!
const yesterday = DateTime.now().minus({ days: 1 }).toISODate()!

/** An issued invoice of `amount` (tax group A, no tax) in `currency`. */
async function issuedInvoice(
  client: ApiClient,
  owner: User,
  organization: Organization,
  customerId: string,
  currency: string,
  amount: string
) {
  const draft = await createDraft(client, owner, organization, {
    customerId,
    currency,
    lines: [{ description: 'Service', quantity: '1', unitPrice: amount, taxGroup: 'A' }],
  })
  draft.assertStatus(201)
  const issued = await issue(client, owner, organization, draft.body().document.id)
  issued.assertStatus(200)
  return issued.body().document as { id: string; number: string }
}

function pay(
  client: ApiClient,
  owner: User,
  organization: Organization,
  body: Record<string, unknown>
) {
  return client
    .post(invoicingUrl(organization, '/payments'))
    .json({ method: 'mobile_money', ...body })
    .loginAs(owner)
    .withCsrfToken()
}

async function invoiceOf(client: ApiClient, owner: User, organization: Organization, id: string) {
  return (await client.get(invoicingUrl(organization, `/documents/${id}`)).loginAs(owner)).body()
    .document
}

test.group('Invoicing / payments', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a payment in another currency settles at the payment date's rate and keeps the exchange difference", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({
      currency: 'CDF',
      reportingCurrency: 'USD',
    })
    await recordRate(client, owner, organization, 'USD', 'CDF', '2800', yesterday)
    const customerId = await createCustomer(client, owner, organization)
    const invoice = await issuedInvoice(client, owner, organization, customerId, 'USD', '100')
    // The day's rate arrives after the invoice was issued: the invoice keeps the rate it was issued at.
    await recordRate(client, owner, organization, 'USD', 'CDF', '2850', today)
    assert.containsSubset(await invoiceOf(client, owner, organization, invoice.id), {
      currency: 'USD',
      reportingCurrency: 'USD',
      exchangeRate: '1',
      total: '100.00',
    })
    assert.containsSubset((await deliveredEvents('invoicing.invoice.issued', organization.id))[0], {
      bookCurrency: 'CDF',
      bookRate: '2800',
    })

    // 142,500 CDF at 2,850 settle 50.00 USD, which were worth 140,000 CDF at the issue rate: a 2,500 CDF gain.
    const inFrancs = await pay(client, owner, organization, {
      currency: 'CDF',
      receivedOn: today,
      reference: 'MP-1',
      allocations: [{ documentId: invoice.id, amount: '142500' }],
    })
    inFrancs.assertStatus(201)
    assert.containsSubset(inFrancs.body().payment, {
      method: 'mobile_money',
      currency: 'CDF',
      amount: '142500.00',
      bookCurrency: 'CDF',
      exchangeDifference: '2500.00',
      allocations: [
        {
          documentId: invoice.id,
          amount: '142500.00',
          applied: '50.00',
          exchangeDifference: '2500.00',
        },
      ],
    })
    assert.containsSubset(await invoiceOf(client, owner, organization, invoice.id), {
      status: 'partially_paid',
      paid: '50.00',
      balance: '50.00',
    })

    const inDollars = await pay(client, owner, organization, {
      currency: 'USD',
      receivedOn: today,
      allocations: [{ documentId: invoice.id, amount: '50' }],
    })
    inDollars.assertStatus(201)
    assert.containsSubset(inDollars.body().payment, {
      exchangeDifference: '2500.00',
      allocations: [{ applied: '50.00', exchangeRate: null }],
    })
    const paid = await invoiceOf(client, owner, organization, invoice.id)
    assert.containsSubset(paid, { status: 'paid', balance: '0.00' })
    assert.includeMembers(
      paid.timeline.map((entry: { action: string }) => entry.action),
      ['payment_recorded']
    )

    const recorded = (await deliveredEvents('invoicing.payment.recorded', organization.id)).find(
      (event) => event.currency === 'CDF'
    )
    assert.containsSubset(recorded, {
      paymentId: inFrancs.body().payment.id,
      method: 'mobile_money',
      reference: 'MP-1',
      customerId,
      currency: 'CDF',
      amount: '142500.00',
      bookCurrency: 'CDF',
      exchangeDifference: '2500.00',
      allocations: [
        {
          documentId: invoice.id,
          number: invoice.number,
          currency: 'USD',
          applied: '50.00',
          exchangeDifference: '2500.00',
        },
      ],
    })
  })

  test('one payment settles several invoices of one customer; above the balance, another customer or a closed invoice is refused', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    const otherCustomer = await createCustomer(client, owner, organization, {
      name: 'Pharmacie Espoir',
    })
    const first = await issuedInvoice(client, owner, organization, customerId, 'CDF', '1000')
    const second = await issuedInvoice(client, owner, organization, customerId, 'CDF', '500')
    const foreign = await issuedInvoice(client, owner, organization, otherCustomer, 'CDF', '700')

    const above = await pay(client, owner, organization, {
      method: 'cash',
      currency: 'CDF',
      allocations: [{ documentId: first.id, amount: '1000.01' }],
    })
    above.assertStatus(422)
    assert.containsSubset(above.body().errors[0], {
      code: 'E_PAYMENT_ABOVE_BALANCE',
      field: 'allocations.0.amount',
    })
    assert.include(above.body().errors[0].message, '1000.00 CDF')

    const mixed = await pay(client, owner, organization, {
      currency: 'CDF',
      allocations: [
        { documentId: first.id, amount: '10' },
        { documentId: foreign.id, amount: '10' },
      ],
    })
    mixed.assertStatus(422)
    assert.containsSubset(mixed.body().errors[0], {
      code: 'E_PAYMENT_CUSTOMER_MISMATCH',
      field: 'allocations.1.documentId',
    })

    const both = await pay(client, owner, organization, {
      method: 'transfer',
      currency: 'CDF',
      allocations: [
        { documentId: first.id, amount: '1000' },
        { documentId: second.id, amount: '200' },
      ],
    })
    both.assertStatus(201)
    assert.containsSubset(both.body().payment, { amount: '1200.00', exchangeDifference: '0.00' })
    assert.containsSubset(await invoiceOf(client, owner, organization, first.id), {
      status: 'paid',
    })
    assert.containsSubset(await invoiceOf(client, owner, organization, second.id), {
      status: 'partially_paid',
      balance: '300.00',
    })

    const closed = await pay(client, owner, organization, {
      currency: 'CDF',
      allocations: [{ documentId: first.id, amount: '1' }],
    })
    closed.assertStatus(422)
    assert.containsSubset(closed.body().errors[0], {
      code: 'E_PAYMENT_DOCUMENT_INVALID',
      field: 'allocations.0.documentId',
    })
    const notUsed = await pay(client, owner, organization, {
      currency: 'EUR',
      allocations: [{ documentId: second.id, amount: '1' }],
    })
    notUsed.assertStatus(422)
    assert.containsSubset(notUsed.body().errors[0], { field: 'currency' })
    const missingRate = await pay(client, owner, organization, {
      currency: 'USD',
      allocations: [{ documentId: second.id, amount: '1' }],
    })
    missingRate.assertStatus(422)
    assert.containsSubset(missingRate.body().errors[0], {
      code: 'E_RATE_NOT_FOUND',
      field: 'allocations.0.amount',
    })
    const payments = await db.from('invoicing.payments').where('organization_id', organization.id)
    assert.lengthOf(payments, 1)
  })

  test('a payment is reversed, never deleted: what it settled is due again', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    const invoice = await issuedInvoice(client, owner, organization, customerId, 'CDF', '1000')
    const payment = (
      await pay(client, owner, organization, {
        currency: 'CDF',
        allocations: [{ documentId: invoice.id, amount: '1000' }],
      })
    ).body().payment
    const url = invoicingUrl(organization, `/payments/${payment.id}/reverse`)
    const reversed = await client
      .post(url)
      .json({ reason: 'Transaction M-Pesa annulée' })
      .loginAs(owner)
      .withCsrfToken()
    reversed.assertStatus(200)
    assert.containsSubset(reversed.body().payment, { reversalReason: 'Transaction M-Pesa annulée' })
    assert.isNotNull(reversed.body().payment.reversedAt)
    assert.containsSubset(await invoiceOf(client, owner, organization, invoice.id), {
      status: 'issued',
      paid: '0.00',
      balance: '1000.00',
    })
    const again = await client.post(url).json({ reason: 'encore' }).loginAs(owner).withCsrfToken()
    again.assertStatus(409)
    assert.containsSubset(again.body().errors[0], { code: 'E_PAYMENT_ALREADY_REVERSED' })

    const [event] = await deliveredEvents('invoicing.payment.reversed', organization.id)
    assert.containsSubset(event, {
      paymentId: payment.id,
      reason: 'Transaction M-Pesa annulée',
      amount: '1000.00',
    })

    for (const refused of [
      () => db.from('invoicing.payments').where('id', payment.id).delete(),
      () => db.from('invoicing.payments').where('id', payment.id).update({ amount_minor: 1 }),
      () => db.from('invoicing.payment_allocations').where('payment_id', payment.id).delete(),
    ]) {
      await db.rawQuery('SAVEPOINT immutable')
      await assert.rejects(refused)
      await db.rawQuery('ROLLBACK TO SAVEPOINT immutable')
    }
    const listed = await client
      .get(invoicingUrl(organization, `/documents/${invoice.id}/payments`))
      .loginAs(owner)
    assert.lengthOf(listed.body().data, 1)
  })
})
