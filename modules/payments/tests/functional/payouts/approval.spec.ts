import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { addMember, auditTrail, createUser, runQueuedJobs } from '@ia/platform/testing'
import {
  configureUnipesa,
  createPaymentsOrganization,
  localUnipesa,
  merchantFor,
  paymentsUrl,
} from '../../helpers.ts'

const unipesa = localUnipesa()
const payoutBody = {
  beneficiaryName: 'Transports Lukusa',
  providerId: 9,
  phone: '0812345678',
  amount: '150000',
  currency: 'CDF',
  reason: 'Livraison de novembre',
}

test.group('Payments / payouts to suppliers', (group) => {
  group.setup(async () => {
    await unipesa.start()
    return () => unipesa.stop()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a payout waits for a second person: the requester cannot approve it, another admin can, then it is sent and tracked to paid', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createPaymentsOrganization()
    await configureUnipesa(client, owner, organization, unipesa, merchantFor(1))
    const treasurer = await createUser()
    await addMember(organization, treasurer, 'admin')

    const asked = await client
      .post(paymentsUrl(organization, '/payouts'))
      .json(payoutBody)
      .loginAs(owner)
      .withCsrfToken()
    asked.assertStatus(201)
    const payout = asked.body().payout
    assert.containsSubset(payout, {
      status: 'awaiting_approval',
      amount: '150000.00',
      phone: '+243 812 345 678',
    })
    assert.equal(unipesa.transactions.has(payout.orderId), false, 'nothing leaves before approval')

    const self = await client
      .post(paymentsUrl(organization, `/payouts/${payout.id}/approve`))
      .loginAs(owner)
      .withCsrfToken()
    self.assertStatus(403)
    assert.equal(self.body().errors[0].code, 'E_PAYOUT_SECOND_PERSON')
    await runQueuedJobs()
    assert.equal(unipesa.transactions.has(payout.orderId), false)

    const approved = await client
      .post(paymentsUrl(organization, `/payouts/${payout.id}/approve`))
      .loginAs(treasurer)
      .withCsrfToken()
    approved.assertStatus(200)
    assert.containsSubset(approved.body().payout, { status: 'sending', decidedBy: treasurer.id })
    await runQueuedJobs()
    assert.containsSubset(unipesa.transaction(payout.orderId), {
      kind: 'b2c',
      customerId: '243812345678',
      amount: 150000,
    })
    const sent = await client.get(paymentsUrl(organization, `/payouts/${payout.id}`)).loginAs(owner)
    assert.equal(sent.body().payout.status, 'sent')

    assert.equal((await unipesa.confirm(payout.orderId)).status, 200)
    const paid = await client.get(paymentsUrl(organization, `/payouts/${payout.id}`)).loginAs(owner)
    assert.containsSubset(paid.body().payout, {
      status: 'paid',
      operatorReference: unipesa.transaction(payout.orderId).transactionRef,
    })
    const twice = await client
      .post(paymentsUrl(organization, `/payouts/${payout.id}/approve`))
      .loginAs(treasurer)
      .withCsrfToken()
    twice.assertStatus(409)
    assert.lengthOf(
      await auditTrail({ organization_id: organization.id, action: 'payments.payout.approved' }),
      1
    )
  })

  test('a member may ask for a payout but not approve one; a rejected payout is never sent', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createPaymentsOrganization()
    await configureUnipesa(client, owner, organization, unipesa, merchantFor(1))
    const clerk = await createUser()
    await addMember(organization, clerk, 'member')
    const asked = await client
      .post(paymentsUrl(organization, '/payouts'))
      .json(payoutBody)
      .loginAs(clerk)
      .withCsrfToken()
    asked.assertStatus(201)
    const id = asked.body().payout.id
    const byMember = await client
      .post(paymentsUrl(organization, `/payouts/${id}/approve`))
      .loginAs(clerk)
      .withCsrfToken()
    byMember.assertStatus(403)
    const rejected = await client
      .post(paymentsUrl(organization, `/payouts/${id}/reject`))
      .loginAs(owner)
      .withCsrfToken()
    rejected.assertStatus(200)
    assert.equal(rejected.body().payout.status, 'rejected')
    await runQueuedJobs()
    assert.equal(unipesa.transactions.has(asked.body().payout.orderId), false)
  })

  test('a payout in another currency, with a bad amount or a foreign phone is refused on its field', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createPaymentsOrganization()
    await configureUnipesa(client, owner, organization, unipesa, merchantFor(1))
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ currency: 'EUR' }, 'currency', 'E_CURRENCY_UNSUPPORTED'],
      [{ amount: '10.123' }, 'amount', 'E_AMOUNT_INVALID'],
      [{ amount: '0' }, 'amount', 'E_AMOUNT_INVALID'],
      [{ phone: '+33612345678' }, 'phone', 'E_PHONE_INVALID'],
    ]
    for (const [change, field, code] of cases) {
      const refused = await client
        .post(paymentsUrl(organization, '/payouts'))
        .json({ ...payoutBody, ...change })
        .loginAs(owner)
        .withCsrfToken()
      refused.assertStatus(422)
      assert.containsSubset(refused.body().errors[0], { field, code })
    }
    const listed = await client.get(paymentsUrl(organization, '/payouts')).loginAs(owner)
    assert.lengthOf(listed.body().data, 0)
  })

  test("another organisation's payout answers 404", async ({ client }) => {
    const { owner, organization } = await createPaymentsOrganization()
    await configureUnipesa(client, owner, organization, unipesa, merchantFor(1))
    const asked = await client
      .post(paymentsUrl(organization, '/payouts'))
      .json(payoutBody)
      .loginAs(owner)
      .withCsrfToken()
    const other = await createPaymentsOrganization()
    await configureUnipesa(client, other.owner, other.organization, unipesa, merchantFor(2))
    const id = asked.body().payout.id
    ;(
      await client.get(paymentsUrl(other.organization, `/payouts/${id}`)).loginAs(other.owner)
    ).assertStatus(404)
    ;(
      await client
        .post(paymentsUrl(other.organization, `/payouts/${id}/approve`))
        .loginAs(other.owner)
        .withCsrfToken()
    ).assertStatus(404)
  })
})
