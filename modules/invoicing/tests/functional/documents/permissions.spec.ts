import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { addMember, createUser } from '@ia/platform/testing'
import {
  createCustomer,
  createDraft,
  createInvoicingOrganization,
  invoicingUrl,
} from '../../helpers.ts'

test.group('Invoicing / who may issue', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a member prepares drafts; issuing, sending and recurring invoices are for admins (403)', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const member = await createUser()
    await addMember(organization, member, 'member')
    const customerId = await createCustomer(client, owner, organization)
    const lines = [{ description: 'Conseil', quantity: '1', unitPrice: '1000', taxGroup: 'B' }]
    const draft = await createDraft(client, member, organization, { customerId, lines })
    draft.assertStatus(201)
    const id = draft.body().document.id
    for (const [path, body] of [
      [`/documents/${id}/issue`, {}],
      [`/documents/${id}/send`, { to: 'a@b.cd' }],
      [
        '/recurring-invoices',
        { customerId, frequency: 'monthly', startDate: DateTime.now().toISODate(), lines },
      ],
    ] as const) {
      const refused = await client
        .post(invoicingUrl(organization, path))
        .json(body)
        .loginAs(member)
        .withCsrfToken()
      refused.assertStatus(403)
    }
    const stored = await client.get(invoicingUrl(organization, `/documents/${id}`)).loginAs(member)
    assert.equal(stored.body().document.status, 'draft')
  })
})
