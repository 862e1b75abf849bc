import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { addMember, createUser } from '@ia/platform/testing'
import {
  createCustomer,
  createDraft,
  createInvoicingOrganization,
  invoicingUrl,
} from '../../helpers.ts'

test.group('Invoicing / settings', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the default payment terms go to a new invoice that names none, not to one that does', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization()
    const initial = await client.get(invoicingUrl(organization, '/settings')).loginAs(owner)
    initial.assertStatus(200)
    assert.deepEqual(initial.body(), { settings: { defaultPaymentTermsDays: 0 } })

    const saved = await client
      .put(invoicingUrl(organization, '/settings'))
      .json({ defaultPaymentTermsDays: 45 })
      .loginAs(owner)
      .withCsrfToken()
    saved.assertStatus(200)
    assert.deepEqual(saved.body(), { settings: { defaultPaymentTermsDays: 45 } })

    const customerId = await createCustomer(client, owner, organization)
    const lines = [{ description: 'Conseil', quantity: '1', unitPrice: '100', taxGroup: 'B' }]
    const byDefault = await createDraft(client, owner, organization, {
      customerId,
      issueDate: '2026-03-01',
      lines,
    })
    byDefault.assertStatus(201)
    assert.equal(byDefault.body().document.paymentTermsDays, 45)
    assert.equal(byDefault.body().document.dueDate, '2026-04-15')
    const named = await createDraft(client, owner, organization, {
      customerId,
      issueDate: '2026-03-01',
      paymentTermsDays: 0,
      lines,
    })
    assert.equal(named.body().document.paymentTermsDays, 0)
    const quote = await createDraft(client, owner, organization, {
      kind: 'quote',
      customerId,
      lines,
    })
    assert.equal(quote.body().document.paymentTermsDays, 0)
  })

  test('terms outside 0 to 365 whole days are a 422 naming the field, nothing stored', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization()
    for (const value of [-1, 366, 2.5, 'thirty']) {
      const response = await client
        .put(invoicingUrl(organization, '/settings'))
        .json({ defaultPaymentTermsDays: value })
        .header('Accept-Language', 'en')
        .loginAs(owner)
        .withCsrfToken()
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'defaultPaymentTermsDays')
    }
    const stored = await client.get(invoicingUrl(organization, '/settings')).loginAs(owner)
    assert.equal(stored.body().settings.defaultPaymentTermsDays, 0)
  })

  test("a member without the settings permission is refused; another organisation's settings stay apart", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization()
    const other = await createInvoicingOrganization({ name: 'Autre SARL' })
    const member = await createUser()
    await addMember(organization, member, 'member')
    const refused = await client
      .put(invoicingUrl(organization, '/settings'))
      .json({ defaultPaymentTermsDays: 10 })
      .loginAs(member)
      .withCsrfToken()
    refused.assertStatus(403)

    await client
      .put(invoicingUrl(other.organization, '/settings'))
      .json({ defaultPaymentTermsDays: 60 })
      .loginAs(other.owner)
      .withCsrfToken()
    const mine = await client.get(invoicingUrl(organization, '/settings')).loginAs(owner)
    assert.equal(mine.body().settings.defaultPaymentTermsDays, 0)
    const theirs = await client.get(invoicingUrl(other.organization, '/settings')).loginAs(owner)
    theirs.assertStatus(404)
  })
})
