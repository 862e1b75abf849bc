import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import {
  createInvoicingOrganization,
  createCustomer,
  createDraft,
  invoicingUrl,
} from '../../helpers.ts'

type ApiError = { code: string; field?: string; message: string }

test.group('Invoicing / drafts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('prices each line, taxes each group on the sum of its lines, B by default for a company in DR Congo', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'USD' })
    const customerId = await createCustomer(client, owner, organization)
    const response = await createDraft(client, owner, organization, {
      customerId,
      issueDate: '2026-03-10',
      paymentTermsDays: 30,
      lines: [
        { description: 'Consultation', quantity: '3', unitPrice: '33.333' },
        { description: 'Déplacement', quantity: '1', unitPrice: '10.005', discountPercent: '10' },
        { description: 'Farine (taux réduit)', quantity: '2.5', unitPrice: '4.10', taxGroup: 'C' },
        {
          description: 'Export',
          quantity: '1',
          unitPrice: '100',
          discountAmount: '0.50',
          taxGroup: 'E',
        },
      ],
    })
    response.assertStatus(201)
    const document = response.body().document
    assert.containsSubset(document, {
      kind: 'invoice',
      status: 'draft',
      number: null,
      currency: 'USD',
      invoiceType: 'sale',
      clientCategory: 'PM',
      issueDate: '2026-03-10',
      dueDate: '2026-04-09',
    })
    // 3 x 33.333 = 99.999 -> 100.00; 10.005 -> 10.01 less 10 % (1.00) = 9.01; 2.5 x 4.10 = 10.25; 100 - 0.50 = 99.50
    assert.deepEqual(
      document.lines.map(
        (line: { taxGroup: string; gross: string; discount: string; net: string }) => [
          line.taxGroup,
          line.gross,
          line.discount,
          line.net,
        ]
      ),
      [
        ['B', '100.00', '0.00', '100.00'],
        ['B', '10.01', '1.00', '9.01'],
        ['C', '10.25', '0.00', '10.25'],
        ['E', '100.00', '0.50', '99.50'],
      ]
    )
    // B: 16 % of 109.01 = 17.4416 -> 17.44 (not 16.00 + 1.44 line by line); C on 2026-03-10: 5 % of 10.25 = 0.5125 -> 0.51
    assert.deepEqual(document.taxTotals, [
      { taxGroup: 'B', taxRate: '16', base: '109.01', tax: '17.44' },
      { taxGroup: 'C', taxRate: '5', base: '10.25', tax: '0.51' },
      { taxGroup: 'E', taxRate: '0', base: '99.50', tax: '0.00' },
    ])
    assert.containsSubset(document, {
      subtotal: '218.76',
      tax: '17.95',
      total: '236.71',
      balance: '236.71',
    })
    assert.deepEqual(
      document.timeline.map((entry: { action: string }) => entry.action),
      ['created']
    )
  })

  test('previews the totals of a draft without storing it', async ({ client, assert }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'USD' })
    const customerId = await createCustomer(client, owner, organization)
    const body = {
      kind: 'invoice',
      customerId,
      lines: [{ description: 'Consultation', quantity: '3', unitPrice: '33.333' }],
    }
    const preview = await client
      .post(invoicingUrl(organization, '/documents/preview'))
      .json(body)
      .loginAs(owner)
      .withCsrfToken()
    preview.assertStatus(200)
    assert.containsSubset(preview.body().totals, {
      currency: 'USD',
      subtotal: '100.00',
      tax: '16.00',
      total: '116.00',
      lines: [{ net: '100.00', taxGroup: 'B', taxRate: '16' }],
    })
    const listed = await client
      .get(invoicingUrl(organization, '/documents'))
      .qs({ status: 'draft' })
      .loginAs(owner)
    assert.lengthOf(listed.body().data, 0)
    const bad = await client
      .post(invoicingUrl(organization, '/documents/preview'))
      .json({
        ...body,
        lines: [{ description: 'x', quantity: '1', unitPrice: '5', discountAmount: '6' }],
      })
      .loginAs(owner)
      .withCsrfToken()
    bad.assertStatus(422)
    assert.containsSubset(bad.body().errors[0], { field: 'lines.0.discountAmount' })
  })

  test('takes the rate valid on the document date: C was 8 % before 2026', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    const lines = [{ description: 'Huile', quantity: '1', unitPrice: '1000', taxGroup: 'C' }]
    const before = await createDraft(client, owner, organization, {
      customerId,
      issueDate: '2025-12-31',
      lines,
    })
    const after = await createDraft(client, owner, organization, {
      customerId,
      issueDate: '2026-01-01',
      lines,
    })
    assert.deepEqual(before.body().document.taxTotals, [
      { taxGroup: 'C', taxRate: '8', base: '1000.00', tax: '80.00' },
    ])
    assert.deepEqual(after.body().document.taxTotals, [
      { taxGroup: 'C', taxRate: '5', base: '1000.00', tax: '50.00' },
    ])
  })

  test("refuses bad lines in the user's language, naming the field", async ({ client, assert }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    // Once signed in, errors speak the user's own language.
    const refused = async (line: Record<string, unknown>, locale: 'fr' | 'en' = 'fr') => {
      await owner.merge({ locale }).save()
      const response = await createDraft(client, owner, organization, { customerId, lines: [line] })
      response.assertStatus(422)
      return (response.body().errors as ApiError[])[0]
    }
    assert.containsSubset(await refused({ description: 'x', quantity: '-1', unitPrice: '10' }), {
      field: 'lines.0.quantity',
    })
    assert.containsSubset(
      await refused({ description: 'x', quantity: '2', unitPrice: '10', discountAmount: '25' }),
      {
        code: 'E_DISCOUNT_ABOVE_LINE',
        field: 'lines.0.discountAmount',
        message: 'La remise dépasse le montant de la ligne.',
      }
    )
    assert.containsSubset(
      await refused(
        { description: 'x', quantity: '2', unitPrice: '10', discountPercent: '120' },
        'en'
      ),
      {
        code: 'E_DISCOUNT_ABOVE_LINE',
        field: 'lines.0.discountPercent',
        message: "The discount is more than the line's amount.",
      }
    )
    assert.containsSubset(
      await refused({ description: 'x', quantity: '1', unitPrice: '10', taxGroup: 'Z' }),
      { field: 'lines.0.taxGroup' }
    )
    assert.containsSubset(await refused({ quantity: '1', unitPrice: '10' }), {
      code: 'E_LINE_DESCRIPTION_REQUIRED',
      field: 'lines.0.description',
    })
    assert.containsSubset(await refused({ description: 'x', quantity: 1.5, unitPrice: '10' }), {
      field: 'lines.0.quantity',
    })
  })

  test('refuses a customer of another organisation and a currency the organisation does not use', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const other = await createInvoicingOrganization({ currency: 'CDF' })
    const theirs = await createCustomer(client, other.owner, other.organization)
    const foreign = await createDraft(client, owner, organization, {
      customerId: theirs,
      lines: [],
    })
    foreign.assertStatus(422)
    assert.containsSubset(foreign.body().errors[0], {
      code: 'E_CONTACT_NOT_FOUND',
      field: 'customerId',
    })

    const mine = await createCustomer(client, owner, organization)
    const currency = await createDraft(client, owner, organization, {
      customerId: mine,
      currency: 'EUR',
      lines: [],
    })
    currency.assertStatus(422)
    assert.containsSubset(currency.body().errors[0], { field: 'currency' })
  })

  test('changes a draft, replacing its lines; another organisation gets 404', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    const draft = (
      await createDraft(client, owner, organization, {
        customerId,
        lines: [{ description: 'A', quantity: '1', unitPrice: '100' }],
      })
    ).body().document
    const changed = await client
      .patch(invoicingUrl(organization, `/documents/${draft.id}`))
      .json({
        notes: 'Merci',
        lines: [{ description: 'B', quantity: '2', unitPrice: '50', taxGroup: 'A' }],
      })
      .loginAs(owner)
      .withCsrfToken()
    changed.assertStatus(200)
    assert.containsSubset(changed.body().document, { notes: 'Merci', total: '100.00', tax: '0.00' })
    assert.deepEqual(
      changed.body().document.lines.map((line: { description: string }) => line.description),
      ['B']
    )

    const other = await createInvoicingOrganization()
    ;(
      await client.get(invoicingUrl(organization, `/documents/${draft.id}`)).loginAs(other.owner)
    ).assertStatus(404)
    ;(
      await client
        .get(invoicingUrl(other.organization, `/documents/${draft.id}`))
        .loginAs(other.owner)
    ).assertStatus(404)
  })
})
