import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { addMember, createUser } from '@ia/platform/testing'
import {
  createCustomer,
  createDraft,
  createInvoicingOrganization,
  invoicingUrl,
  recordRate,
} from '../../helpers.ts'

const product = {
  kind: 'service',
  code: 'MAINT',
  nameFr: 'Maintenance',
  nameEn: 'Maintenance work',
  unit: 'h',
  price: '25.50',
  currency: 'USD',
  taxGroup: 'B',
}

test.group('Invoicing / catalogue', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('adds, finds, changes and archives products; codes are unique per organisation', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({
      currency: 'CDF',
      reportingCurrency: 'USD',
    })
    const created = await client
      .post(invoicingUrl(organization, '/products'))
      .json(product)
      .loginAs(owner)
      .withCsrfToken()
    created.assertStatus(201)
    assert.containsSubset(created.body().product, {
      code: 'MAINT',
      price: '25.50',
      currency: 'USD',
      taxGroup: 'B',
      archivedAt: null,
    })
    const id = created.body().product.id

    const again = await client
      .post(invoicingUrl(organization, '/products'))
      .json({ ...product, code: 'maint' })
      .loginAs(owner)
      .withCsrfToken()
    again.assertStatus(422)
    assert.containsSubset(again.body().errors[0], { code: 'E_PRODUCT_CODE_TAKEN', field: 'code' })
    const digits = await client
      .post(invoicingUrl(organization, '/products'))
      .json({ ...product, code: 'X', price: '1.005' })
      .loginAs(owner)
      .withCsrfToken()
    digits.assertStatus(422)
    assert.containsSubset(digits.body().errors[0], { code: 'E_AMOUNT_DIGITS', field: 'price' })

    const found = await client
      .get(invoicingUrl(organization, '/products'))
      .qs({ q: 'mainten' })
      .loginAs(owner)
    assert.deepEqual(
      found.body().data.map((entry: { id: string }) => entry.id),
      [id]
    )
    const changed = await client
      .patch(invoicingUrl(organization, `/products/${id}`))
      .json({ price: '30' })
      .loginAs(owner)
      .withCsrfToken()
    assert.equal(changed.body().product.price, '30.00')
    ;(
      await client
        .post(invoicingUrl(organization, `/products/${id}/archive`))
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(200)
    assert.lengthOf(
      (await client.get(invoicingUrl(organization, '/products')).loginAs(owner)).body().data,
      0
    )

    const member = await createUser()
    await addMember(organization, member, 'member')
    ;(
      await client
        .post(invoicingUrl(organization, `/products/${id}/unarchive`))
        .loginAs(member)
        .withCsrfToken()
    ).assertStatus(403)
    const other = await createInvoicingOrganization()
    ;(
      await client.get(invoicingUrl(organization, `/products/${id}`)).loginAs(other.owner)
    ).assertStatus(404)
    ;(
      await client.get(invoicingUrl(other.organization, `/products/${id}`)).loginAs(other.owner)
    ).assertStatus(404)
  })

  test("a line naming a product takes its name in the customer's language, unit, price (converted) and tax group", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({
      currency: 'CDF',
      reportingCurrency: 'USD',
    })
    await recordRate(client, owner, organization, 'USD', 'CDF', '2800', '2026-01-02')
    const created = (
      await client
        .post(invoicingUrl(organization, '/products'))
        .json({ ...product, taxGroup: 'C' })
        .loginAs(owner)
        .withCsrfToken()
    ).body().product
    const customerId = await createCustomer(client, owner, organization, { preferredLocale: 'en' })
    const inDollars = await createDraft(client, owner, organization, {
      customerId,
      currency: 'USD',
      issueDate: '2026-02-01',
      lines: [{ productId: created.id, quantity: '2' }],
    })
    inDollars.assertStatus(201)
    assert.containsSubset(inDollars.body().document.lines[0], {
      productId: created.id,
      description: 'Maintenance work',
      unit: 'h',
      unitPrice: '25.5',
      taxGroup: 'C',
      net: '51.00',
    })
    const inFrancs = await createDraft(client, owner, organization, {
      customerId,
      currency: 'CDF',
      issueDate: '2026-02-01',
      lines: [{ productId: created.id, quantity: '1' }],
    })
    assert.containsSubset(inFrancs.body().document.lines[0], {
      unitPrice: '71400',
      net: '71400.00',
    })

    const unknown = await createDraft(client, owner, organization, {
      customerId,
      lines: [{ productId: organization.id, quantity: '1' }],
    })
    unknown.assertStatus(422)
    assert.containsSubset(unknown.body().errors[0], {
      code: 'E_PRODUCT_UNKNOWN',
      field: 'lines.0.productId',
    })
  })
})
