import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { addMember, createUser } from '@ia/platform/testing'
import {
  createCustomer,
  createDraft,
  createInvoicingOrganization,
  invoicingUrl,
} from '../../helpers.ts'

test.group('Invoicing / tax groups', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("an organisation starts with the DGI's sixteen groups and their dated rates", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization()
    const response = await client.get(invoicingUrl(organization, '/tax-groups')).loginAs(owner)
    response.assertStatus(200)
    const groups = response.body().data as Array<{
      code: string
      currentRate: string
      labelFr: string
      labelEn: string
      rates: Array<{ rate: string; validFrom: string; validTo: string | null }>
    }>
    assert.deepEqual(
      groups.map((taxGroup) => taxGroup.code),
      'ABCDEFGHIJKLMNOP'.split('')
    )
    const byCode = Object.fromEntries(groups.map((taxGroup) => [taxGroup.code, taxGroup]))
    assert.containsSubset(byCode.B, { currentRate: '16', labelEn: 'VAT standard rate (16%)' })
    assert.deepEqual(
      byCode.C.rates.map((rate) => [rate.rate, rate.validFrom, rate.validTo]),
      [
        ['8', '2012-01-01', '2025-12-31'],
        ['5', '2026-01-01', null],
      ]
    )
    for (const code of ['O', 'P']) assert.equal(byCode[code].currentRate, '1')
    for (const code of ['A', 'D', 'E', 'H', 'I', 'J', 'K'])
      assert.equal(byCode[code].currentRate, '0')
  })

  test('a new rate from a date and an exemption for a set period tax documents by their date', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const addRate = (body: Record<string, unknown>) =>
      client
        .post(invoicingUrl(organization, '/tax-groups/c/rates'))
        .json(body)
        .loginAs(owner)
        .withCsrfToken()
    ;(
      await addRate({
        rate: '0',
        validFrom: '2026-05-01',
        validTo: '2026-06-30',
        note: 'Exonération des denrées de base',
      })
    ).assertStatus(201)
    ;(await addRate({ rate: '6', validFrom: '2027-01-01' })).assertStatus(201)
    const taken = await addRate({ rate: '7', validFrom: '2027-01-01' })
    taken.assertStatus(422)
    assert.containsSubset(taken.body().errors[0], { code: 'E_TAX_RATE_TAKEN', field: 'validFrom' })
    const backwards = await addRate({ rate: '7', validFrom: '2027-03-01', validTo: '2027-02-01' })
    backwards.assertStatus(422)
    assert.containsSubset(backwards.body().errors[0], { field: 'validTo' })

    const customerId = await createCustomer(client, owner, organization)
    const taxOn = async (issueDate: string) => {
      const draft = await createDraft(client, owner, organization, {
        customerId,
        issueDate,
        lines: [{ description: 'Riz', quantity: '1', unitPrice: '1000', taxGroup: 'C' }],
      })
      draft.assertStatus(201)
      return draft.body().document.taxTotals[0].taxRate
    }
    assert.deepEqual(
      [
        await taxOn('2025-06-01'),
        await taxOn('2026-04-30'),
        await taxOn('2026-05-01'),
        await taxOn('2026-06-30'),
        await taxOn('2026-07-01'),
        await taxOn('2027-01-01'),
      ],
      ['8', '5', '0', '0', '5', '6']
    )
  })

  test('a group with no rate on the date is refused naming the line, and members cannot change rates', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    // F exists since the 2026 finance law only.
    const early = await createDraft(client, owner, organization, {
      customerId,
      issueDate: '2025-06-01',
      lines: [
        { description: 'A', quantity: '1', unitPrice: '10', taxGroup: 'B' },
        { description: 'Marché public', quantity: '1', unitPrice: '10', taxGroup: 'F' },
      ],
    })
    early.assertStatus(422)
    assert.containsSubset(early.body().errors[0], {
      code: 'E_TAX_RATE_MISSING',
      field: 'lines.1.taxGroup',
    })

    const member = await createUser()
    await addMember(organization, member, 'member')
    ;(await client.get(invoicingUrl(organization, '/tax-groups')).loginAs(member)).assertStatus(200)
    const refused = await client
      .post(invoicingUrl(organization, '/tax-groups/B/rates'))
      .json({ rate: '18', validFrom: '2027-01-01' })
      .loginAs(member)
      .withCsrfToken()
    refused.assertStatus(403)
  })
})
