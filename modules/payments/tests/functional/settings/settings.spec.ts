import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { addMember, createUser, runQueuedJobs } from '@ia/platform/testing'
import {
  configureUnipesa,
  createPaymentsOrganization,
  issuedInvoice,
  localUnipesa,
  merchantFor,
  paymentsUrl,
} from '../../helpers.ts'

const unipesa = localUnipesa()

test.group('Payments / settings', (group) => {
  group.setup(async () => {
    await unipesa.start()
    return () => unipesa.stop()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('the secret key is stored encrypted and never sent back; the check asks the gateway a signed question', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createPaymentsOrganization()
    const merchant = merchantFor(1)
    const saved = await configureUnipesa(client, owner, organization, unipesa, merchant)
    assert.containsSubset(saved, { publicId: merchant.publicId, secretKeySet: true })
    assert.notProperty(saved, 'secretKey')
    const row = await db
      .from('payments.gateway_settings')
      .where('organization_id', organization.id)
      .first()
    assert.notInclude(JSON.stringify(row), merchant.secretKey)
    const shown = await client.get(paymentsUrl(organization, '/settings')).loginAs(owner)
    assert.notInclude(JSON.stringify(shown.body()), merchant.secretKey)

    const ok = await client
      .post(paymentsUrl(organization, '/settings/check'))
      .loginAs(owner)
      .withCsrfToken()
    assert.equal(ok.body().ok, true)

    // Saved without a key: the stored one is kept; with a wrong one: the gateway refuses the signature.
    const kept = await client
      .put(paymentsUrl(organization, '/settings'))
      .json({
        baseUrl: unipesa.url,
        publicId: merchant.publicId,
        merchantId: merchant.merchantId,
        enabledProviders: [9],
        enabled: true,
      })
      .loginAs(owner)
      .withCsrfToken()
    kept.assertStatus(200)
    assert.equal(
      (
        await client
          .post(paymentsUrl(organization, '/settings/check'))
          .loginAs(owner)
          .withCsrfToken()
      ).body().ok,
      true
    )
    await client
      .put(paymentsUrl(organization, '/settings'))
      .json({
        baseUrl: unipesa.url,
        publicId: merchant.publicId,
        merchantId: merchant.merchantId,
        secretKey: 'a-wrong-key-0123456789',
        enabledProviders: [9],
        enabled: true,
      })
      .loginAs(owner)
      .withCsrfToken()
    const refused = await client
      .post(paymentsUrl(organization, '/settings/check'))
      .loginAs(owner)
      .withCsrfToken()
    assert.equal(refused.body().ok, false)
    assert.include(refused.body().message, 'Unipesa a refusé la demande')
  })

  test('the first save needs the key; an unknown operator is refused on its index; a member cannot read the settings', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createPaymentsOrganization()
    const base = { baseUrl: unipesa.url, publicId: 'p', merchantId: 'm', enabled: true }
    const noKey = await client
      .put(paymentsUrl(organization, '/settings'))
      .json({ ...base, enabledProviders: [9] })
      .loginAs(owner)
      .withCsrfToken()
    noKey.assertStatus(422)
    assert.equal(noKey.body().errors[0].field, 'secretKey')
    const unknown = await client
      .put(paymentsUrl(organization, '/settings'))
      .json({ ...base, secretKey: 'a-secret-key-0123456789', enabledProviders: [9, 5002] })
      .loginAs(owner)
      .withCsrfToken()
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].field, 'enabledProviders.1')
    const clerk = await createUser()
    await addMember(organization, clerk, 'member')
    ;(await client.get(paymentsUrl(organization, '/settings')).loginAs(clerk)).assertStatus(403)
  })

  test('the invoice mail carries the mobile-money link once the organisation collects by mobile money', async ({
    client,
    assert,
  }) => {
    const mails = mail.fake()
    const { owner, organization } = await createPaymentsOrganization()
    await configureUnipesa(client, owner, organization, unipesa, merchantFor(1))
    const invoice = await issuedInvoice(client, owner, organization)
    const sent = await client
      .post(`/api/v1/orgs/${organization.id}/invoicing/documents/${invoice.id}/send`)
      .json({ lang: 'fr', to: 'compta@brasserie.cd' })
      .loginAs(owner)
      .withCsrfToken()
    sent.assertStatus(200)
    await runQueuedJobs()
    const message = mails.messages.sent().find((entry) => entry.hasTo('compta@brasserie.cd'))!
    const text = String(message.toJSON().message.text)
    const link = text.match(/https?:\/\/\S+\/public\/payments\/([^?\s]+)\?lang=fr/)
    assert.isNotNull(link, 'the mail links to the payment page')
    const page = await client.get(`/api/v1/public/payments/${link![1]}`)
    page.assertStatus(200)
    assert.equal(page.body().invoice.number, invoice.number)
  })
})
