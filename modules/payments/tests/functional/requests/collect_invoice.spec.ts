import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import type { Organization, User } from '@ia/platform/testing'
import {
  configureUnipesa,
  createPaymentsOrganization,
  customerPays,
  invoiceOf,
  invoicePayments,
  issuedInvoice,
  localUnipesa,
  merchantFor,
  paymentPagePath,
  paymentsUrl,
} from '../../helpers.ts'

const unipesa = localUnipesa()

async function gatewayLog(client: ApiClient, owner: User, organization: Organization) {
  const response = await client.get(paymentsUrl(organization, '/gateway-events')).loginAs(owner)
  response.assertStatus(200)
  return response.body().data as Array<{ kind: string; outcome: string; orderId: string | null }>
}

/** An organisation set up with the local Unipesa, an issued invoice of 25,000 CDF and the customer's pending request. */
async function pendingPayment(client: ApiClient) {
  const { owner, organization } = await createPaymentsOrganization()
  await configureUnipesa(client, owner, organization, unipesa, merchantFor(1))
  const invoice = await issuedInvoice(client, owner, organization, '25000')
  const page = await paymentPagePath(client, owner, organization, invoice.id)
  const { response, orderId } = await customerPays(client, owner, organization, page)
  response.assertStatus(201)
  return {
    owner,
    organization,
    invoice,
    page,
    orderId: orderId!,
    requestId: response.body().request.id,
  }
}

test.group('Payments / collecting an invoice by mobile money', (group) => {
  group.setup(async () => {
    await unipesa.start()
    return () => unipesa.stop()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the customer pays from the link: the phone confirms, the signed callback is checked against /status and the invoice turns paid, once', async ({
    client,
    assert,
  }) => {
    const { owner, organization, invoice, page, orderId, requestId } = await pendingPayment(client)
    const shown = await client.get(page)
    shown.assertStatus(200)
    assert.containsSubset(shown.body(), {
      invoice: { number: invoice.number, currency: 'CDF', balance: '25000.00', payable: true },
      request: { id: requestId, status: 'pending', amount: '25000.00' },
    })
    assert.includeMembers(
      shown.body().operators.map((operator: { providerId: number }) => operator.providerId),
      [9, 10, 14, 17, 19]
    )
    // Sent as the simulator wants it: the number with its country code, the amount and the callback.
    const sent = unipesa.transaction(orderId)
    assert.containsSubset(sent, {
      kind: 'c2b',
      providerId: 14,
      customerId: '243812345678',
      amount: 25000,
      currency: 'CDF',
      callbackUrl: `${process.env.APP_URL}/api/v1/public/payments/callbacks/${organization.id}`,
    })
    assert.equal((await invoiceOf(client, owner, organization, invoice.id)).status, 'issued')

    const callback = await unipesa.confirm(orderId)
    assert.deepEqual(callback, { status: 200, body: { received: true, outcome: 'paid' } })

    const paid = await invoiceOf(client, owner, organization, invoice.id)
    assert.equal(paid.status, 'paid')
    assert.equal(paid.balance, '0.00')
    const payments = await invoicePayments(client, owner, organization, invoice.id)
    assert.lengthOf(payments, 1)
    assert.containsSubset(payments[0], {
      method: 'mobile_money',
      reference: sent.transactionRef,
      amount: '25000.00',
    })
    const polled = await client.get(`${page}/requests/${requestId}`)
    assert.containsSubset(polled.body().request, {
      status: 'paid',
      operatorReference: sent.transactionRef,
    })

    // The same callback again is a replay; a new one for the same order finds it settled: one payment only.
    assert.equal((await unipesa.replayLastCallback()).status, 409)
    assert.equal((await unipesa.sendCallback(orderId)).status, 200)
    assert.lengthOf(await invoicePayments(client, owner, organization, invoice.id), 1)
    const outcomes = (await gatewayLog(client, owner, organization)).map((line) => line.outcome)
    assert.includeMembers(outcomes, ['paid', 'replayed', 'already_paid'])
  })

  test('polling the page settles a payment whose callback never came (the real simulator sends none)', async ({
    client,
    assert,
  }) => {
    const { owner, organization, invoice, page, orderId, requestId } = await pendingPayment(client)
    unipesa.transaction(orderId).status = 2
    await new Promise((resolve) => setTimeout(resolve, 3100))
    const polled = await client.get(`${page}/requests/${requestId}`)
    assert.equal(polled.body().request.status, 'paid')
    assert.equal((await invoiceOf(client, owner, organization, invoice.id)).status, 'paid')
  }).timeout(10_000)

  test('a declined payment closes the request and pays nothing; the customer can ask again', async ({
    client,
    assert,
  }) => {
    const { owner, organization, invoice, page, orderId } = await pendingPayment(client)
    const again = await client
      .post(`${page}/requests`)
      .json({ providerId: 14, phone: '0812345678' })
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_REQUEST_PENDING')
    assert.equal((await unipesa.decline(orderId)).status, 200)
    assert.equal((await invoiceOf(client, owner, organization, invoice.id)).status, 'issued')
    const retry = await client
      .post(`${page}/requests`)
      .json({ providerId: 14, phone: '0812345678' })
    retry.assertStatus(201)
  })

  test('a forged signature, a replay, a stale callback, a wrong amount and an unknown order pay nothing, each logged', async ({
    client,
    assert,
  }) => {
    const { owner, organization, invoice, orderId, requestId } = await pendingPayment(client)
    unipesa.transaction(orderId).status = 2

    const forged = await unipesa.sendCallback(orderId, {
      secretKey: 'not-the-merchant-key-0123456789',
    })
    assert.equal(forged.status, 401)
    const stale = await unipesa.sendCallback(orderId, { sentAt: new Date(Date.now() - 6 * 60_000) })
    assert.equal(stale.status, 422)
    const unknown = await unipesa.sendCallback(orderId, { overrides: { order_id: 'not-ours-42' } })
    assert.equal(unknown.status, 404)
    // Signed by the gateway but for another amount than asked: nothing is believed, nothing paid.
    const otherAmount = await unipesa.sendCallback(orderId, { overrides: { amount: 25 } })
    assert.deepEqual(otherAmount.body, { received: true, outcome: 'mismatch' })
    assert.equal((await unipesa.replayLastCallback()).status, 409)
    // A tampered body keeps its old signature: refused.
    const last = unipesa.callbacks.at(-1)!.body
    const tampered = await fetch(unipesa.transaction(orderId).callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...last, amount: 250000 }),
    })
    assert.equal(tampered.status, 401)
    const refusal = (await tampered.json()) as { errors: Array<{ field: string }> }
    assert.equal(refusal.errors[0].field, 'signature')

    assert.equal((await invoiceOf(client, owner, organization, invoice.id)).status, 'issued')
    assert.lengthOf(await invoicePayments(client, owner, organization, invoice.id), 0)
    const outcomes = (await gatewayLog(client, owner, organization)).map((line) => line.outcome)
    assert.includeMembers(outcomes, [
      'bad_signature',
      'stale',
      'unknown_order',
      'mismatch',
      'replayed',
    ])
    const request = await client
      .get(paymentsUrl(organization, `/requests/${requestId}`))
      .loginAs(owner)
    assert.equal(request.body().request.status, 'pending')
  })

  test('when /status reports another amount than asked, the request is disputed and nothing is paid', async ({
    client,
    assert,
  }) => {
    const { owner, organization, invoice, orderId, requestId } = await pendingPayment(client)
    unipesa.statusOverrides.set(orderId, { amount: 2500 })
    const callback = await unipesa.confirm(orderId)
    assert.deepEqual(callback.body, { received: true, outcome: 'mismatch' })
    const request = await client
      .get(paymentsUrl(organization, `/requests/${requestId}`))
      .loginAs(owner)
    assert.equal(request.body().request.status, 'disputed')
    assert.equal((await invoiceOf(client, owner, organization, invoice.id)).status, 'issued')
    assert.lengthOf(await invoicePayments(client, owner, organization, invoice.id), 0)
  })

  test('a phone that is not a DR Congo mobile number and an operator not offered are refused on their field, in the customer’s language', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createPaymentsOrganization()
    await configureUnipesa(client, owner, organization, unipesa, merchantFor(1), [9, 17])
    const invoice = await issuedInvoice(client, owner, organization)
    const page = await paymentPagePath(client, owner, organization, invoice.id)
    for (const phone of ['12345', '+33 6 12 34 56 78', '0212345678']) {
      const refused = await client
        .post(`${page}/requests`)
        .header('accept-language', 'en')
        .json({ providerId: 9, phone })
      refused.assertStatus(422)
      assert.containsSubset(refused.body().errors[0], { code: 'E_PHONE_INVALID', field: 'phone' })
      assert.include(refused.body().errors[0].message, 'DR Congo mobile number')
    }
    const notOffered = await client
      .post(`${page}/requests`)
      .json({ providerId: 10, phone: '0812345678' })
    notOffered.assertStatus(422)
    assert.containsSubset(notOffered.body().errors[0], {
      code: 'E_PROVIDER_NOT_ENABLED',
      field: 'providerId',
    })
    assert.include(notOffered.body().errors[0].message, 'opérateur')
    // Airtel takes the number without its trunk 0.
    const { orderId } = await customerPays(client, owner, organization, page, {
      providerId: 17,
      phone: '+243 97 123 4567',
    })
    assert.equal(unipesa.transaction(orderId!).customerId, '971234567')
    assert.lengthOf(await invoicePayments(client, owner, organization, invoice.id), 0)
  })

  test('an invoice in a currency mobile money does not move is refused', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createPaymentsOrganization({ currency: 'EUR' })
    await configureUnipesa(client, owner, organization, unipesa, merchantFor(1))
    const invoice = await issuedInvoice(client, owner, organization, '100', 'EUR')
    const sentBefore = unipesa.transactions.size
    const refused = await client
      .post(paymentsUrl(organization, '/requests'))
      .json({ documentId: invoice.id, providerId: 9, phone: '0812345678' })
      .loginAs(owner)
      .withCsrfToken()
    refused.assertStatus(422)
    assert.containsSubset(refused.body().errors[0], {
      code: 'E_CURRENCY_UNSUPPORTED',
      field: 'currency',
    })
    assert.equal(unipesa.transactions.size, sentBefore, 'nothing was sent to the gateway')
  })

  test("another organisation's requests and callbacks answer 404", async ({ client, assert }) => {
    const { organization, orderId, requestId } = await pendingPayment(client)
    const other = await createPaymentsOrganization()
    await configureUnipesa(client, other.owner, other.organization, unipesa, merchantFor(2))
    const read = await client
      .get(paymentsUrl(other.organization, `/requests/${requestId}`))
      .loginAs(other.owner)
    read.assertStatus(404)
    const foreign = await client
      .get(paymentsUrl(organization, `/requests/${requestId}`))
      .loginAs(other.owner)
    foreign.assertStatus(404)
    // A callback for our order signed with the other organisation's key, sent to its address: unknown there.
    const transaction = unipesa.transaction(orderId)
    const elsewhere = {
      ...transaction,
      merchant: merchantFor(2),
      callbackUrl: transaction.callbackUrl.replace(organization.id, other.organization.id),
    }
    unipesa.transactions.set(`${orderId}-elsewhere`, {
      ...elsewhere,
      orderId: `${orderId}-elsewhere`,
    })
    const answer = await unipesa.sendCallback(`${orderId}-elsewhere`, {
      overrides: { order_id: orderId },
    })
    assert.equal(answer.status, 404)
  })
})
