import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
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
} from '../../helpers.ts'

const unipesa = localUnipesa()

/** An organisation set up with the local Unipesa, an issued invoice and its customer's payment page. */
async function payableInvoice(client: ApiClient) {
  const { owner, organization } = await createPaymentsOrganization()
  await configureUnipesa(client, owner, organization, unipesa, merchantFor(1))
  const invoice = await issuedInvoice(client, owner, organization, '25000')
  const page = await paymentPagePath(client, owner, organization, invoice.id)
  return { owner, organization, invoice, page }
}

test.group('Payments / the public pay request and a module turned off', (group) => {
  group.setup(async () => {
    await unipesa.start()
    return () => unipesa.stop()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('one link takes five pay requests in 15 minutes, then a 429 in the customer’s language with Retry-After', async ({
    client,
    assert,
  }) => {
    const { page } = await payableInvoice(client)
    const rung = unipesa.transactions.size
    // Refused bodies count too: each try may ring a phone.
    for (let attempt = 0; attempt < 5; attempt++) {
      const refused = await client.post(`${page}/requests`).json({ providerId: 14, phone: '12' })
      refused.assertStatus(422)
    }
    const fr = await client.post(`${page}/requests`).json({ providerId: 14, phone: '0812345678' })
    fr.assertStatus(429)
    assert.match(
      fr.body().errors[0].message,
      /^Trop de demandes de paiement : réessayez dans 15 min\.$/
    )
    assert.isAbove(Number(fr.header('retry-after')), 800)
    const en = await client
      .post(`${page}/requests`)
      .header('accept-language', 'en')
      .json({ providerId: 14, phone: '0812345678' })
    en.assertStatus(429)
    assert.equal(en.body().errors[0].code, 'E_TOO_MANY_PAYMENT_REQUESTS')
    assert.equal(en.body().errors[0].message, 'Too many payment requests: try again in 15 min.')
    assert.equal(unipesa.transactions.size, rung, 'no phone was rung')
  })

  test('one address takes twenty pay requests in 15 minutes, guessed links included, then 429 on every link', async ({
    client,
  }) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const guessed = await client
        .post(`/api/v1/public/payments/not-a-link-${attempt}/requests`)
        .json({ providerId: 14, phone: '0812345678' })
      guessed.assertStatus(404)
    }
    const { page } = await payableInvoice(client)
    const refused = await client
      .post(`${page}/requests`)
      .json({ providerId: 14, phone: '0812345678' })
    refused.assertStatus(429)
  })

  test('an organisation that turned payments off: its page says online payment is unavailable, its callbacks are refused, nothing is paid', async ({
    client,
    assert,
  }) => {
    const { owner, organization, invoice, page } = await payableInvoice(client)
    const { response, orderId } = await customerPays(client, owner, organization, page)
    response.assertStatus(201)
    unipesa.transaction(orderId!).status = 2

    const disabled = await client
      .post(`/api/v1/orgs/${organization.id}/modules/payments/disable`)
      .loginAs(owner)
      .withCsrfToken()
    disabled.assertStatus(200)

    const shown = await client.get(page).header('accept-language', 'fr')
    shown.assertStatus(409)
    assert.equal(shown.body().errors[0].code, 'E_ONLINE_PAYMENT_UNAVAILABLE')
    assert.equal(
      shown.body().errors[0].message,
      'Le paiement en ligne n’est pas disponible pour cette facture : contactez le vendeur pour payer autrement.'
    )
    const pay = await client
      .post(`${page}/requests`)
      .header('accept-language', 'en')
      .json({ providerId: 14, phone: '0812345678' })
    pay.assertStatus(409)
    assert.equal(
      pay.body().errors[0].message,
      'Online payment is not available for this invoice: contact the seller to pay another way.'
    )
    const callback = await unipesa.sendCallback(orderId!)
    assert.equal(callback.status, 409)

    assert.equal((await invoiceOf(client, owner, organization, invoice.id)).status, 'issued')
    assert.lengthOf(await invoicePayments(client, owner, organization, invoice.id), 0)
  })
})
