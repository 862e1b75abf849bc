import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { invoicingQueries } from '../../../contracts/index.ts'
import {
  createCustomer,
  createDraft,
  createInvoicingOrganization,
  invoicingUrl,
  issue,
} from '../../helpers.ts'

/** Moves an issued invoice's due date into the past, as time would (the immutability trigger is lifted for this test only). */
async function makeOverdue(documentId: string) {
  await db.rawQuery('ALTER TABLE invoicing.documents DISABLE TRIGGER documents_issued_immutable')
  await db.from('invoicing.documents').where('id', documentId).update({ due_date: '2026-01-15' })
  await db.rawQuery('ALTER TABLE invoicing.documents ENABLE TRIGGER documents_issued_immutable')
}

test.group('Invoicing / lists and queries', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('filters by status, customer, dates, currency, overdue and text, and pages by cursor without overlap', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({
      currency: 'CDF',
      reportingCurrency: 'CDF',
    })
    const brasserie = await createCustomer(client, owner, organization)
    const pharmacie = await createCustomer(client, owner, organization, {
      name: 'Pharmacie Espoir',
    })
    const make = async (customerId: string, issueDate: string, unitPrice: string) =>
      (
        await createDraft(client, owner, organization, {
          customerId,
          issueDate,
          lines: [{ description: 'X', quantity: '1', unitPrice, taxGroup: 'A' }],
        })
      ).body().document.id as string
    const drafts = [
      await make(brasserie, '2026-02-01', '100'),
      await make(brasserie, '2026-03-01', '200'),
      await make(pharmacie, '2026-03-15', '300'),
      await make(pharmacie, '2026-04-01', '400'),
      await make(brasserie, '2026-04-10', '500'),
    ]
    const issued = (await issue(client, owner, organization, drafts[0])).body().document
    await makeOverdue(drafts[0])

    const list = async (qs: Record<string, unknown>) => {
      const response = await client
        .get(invoicingUrl(organization, '/documents'))
        .qs(qs)
        .loginAs(owner)
      response.assertStatus(200)
      return response.body() as {
        data: Array<{ id: string; status: string; total: string }>
        meta: { total: number | null; nextCursor: string | null }
      }
    }
    assert.deepEqual(
      (await list({ status: 'draft' })).data.map((row) => row.total),
      ['500.00', '400.00', '300.00', '200.00']
    )
    assert.deepEqual(
      (await list({ customerId: pharmacie })).data.map((row) => row.total),
      ['400.00', '300.00']
    )
    assert.deepEqual(
      (await list({ from: '2026-03-01', to: '2026-03-31' })).data.map((row) => row.total),
      ['300.00', '200.00']
    )
    assert.deepEqual(
      (await list({ overdue: true })).data.map((row) => [row.id, row.status]),
      [[drafts[0], 'overdue']]
    )
    assert.deepEqual(
      (await list({ status: 'overdue' })).data.map((row) => row.id),
      [drafts[0]]
    )
    assert.deepEqual(
      (await list({ q: issued.number })).data.map((row) => row.id),
      [drafts[0]]
    )
    assert.lengthOf((await list({ q: 'espoir' })).data, 2)
    assert.lengthOf((await list({ currency: 'USD' })).data, 0)
    assert.deepEqual(
      (await list({ sort: 'total', order: 'asc', perPage: 2 })).data.map((row) => row.total),
      ['100.00', '200.00']
    )

    const seen: string[] = []
    let page = await list({ perPage: 2 })
    assert.equal(page.meta.total, 5)
    seen.push(...page.data.map((row) => row.id))
    while (page.meta.nextCursor) {
      page = await list({ perPage: 2, cursor: page.meta.nextCursor })
      assert.isNull(page.meta.total)
      seen.push(...page.data.map((row) => row.id))
    }
    assert.sameMembers(seen, drafts)
    assert.lengthOf(seen, 5)

    const first = await list({ perPage: 2 })
    for (const qs of [
      { cursor: 'not-a-cursor' },
      { cursor: first.meta.nextCursor, sort: 'total' },
    ]) {
      const response = await client
        .get(invoicingUrl(organization, '/documents'))
        .qs(qs)
        .loginAs(owner)
      response.assertStatus(422)
      assert.containsSubset(response.body().errors[0], {
        code: 'E_DOCUMENT_INVALID_CURSOR',
        field: 'cursor',
      })
    }
  })

  test("a list of quotes shows each one's validity date; an invoice has none", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization()
    const customerId = await createCustomer(client, owner, organization)
    const lines = [{ description: 'Étude', quantity: '1', unitPrice: '100', taxGroup: 'B' }]
    await createDraft(client, owner, organization, {
      kind: 'quote',
      customerId,
      validUntil: '2027-01-31',
      lines,
    })
    await createDraft(client, owner, organization, { customerId, lines })
    const quotes = await client
      .get(invoicingUrl(organization, '/documents'))
      .qs({ kind: 'quote' })
      .loginAs(owner)
    quotes.assertStatus(200)
    assert.deepEqual(
      quotes
        .body()
        .data.map((row: { kind: string; validUntil: string | null }) => [row.kind, row.validUntil]),
      [['quote', '2027-01-31']]
    )
    const invoices = await client.get(invoicingUrl(organization, '/documents')).loginAs(owner)
    assert.isNull(invoices.body().data[0].validUntil)
  })

  test("answers the assistant's questions: overdue invoices, a customer's balance, an invoice by number", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({
      currency: 'CDF',
      reportingCurrency: 'CDF',
    })
    const customerId = await createCustomer(client, owner, organization)
    const ids: string[] = []
    for (const unitPrice of ['1000', '250.50']) {
      const draft = (
        await createDraft(client, owner, organization, {
          customerId,
          lines: [{ description: 'X', quantity: '1', unitPrice, taxGroup: 'A' }],
        })
      ).body().document
      await issue(client, owner, organization, draft.id)
      ids.push(draft.id)
    }
    await makeOverdue(ids[0])
    const overdue = await invoicingQueries.overdueInvoices(organization.id)
    assert.deepEqual(
      overdue.map((invoice) => [invoice.id, invoice.balance]),
      [[ids[0], '1000.00']]
    )
    assert.deepEqual(await invoicingQueries.customerBalance(organization.id, customerId), [
      { currency: 'CDF', balance: '1250.50', openInvoices: 2 },
    ])
    const found = await invoicingQueries.invoiceByNumber(organization.id, overdue[0].number)
    assert.containsSubset(found, { id: ids[0], total: '1000.00', customerId })

    const other = await createInvoicingOrganization()
    assert.isNull(await invoicingQueries.invoiceByNumber(other.organization.id, overdue[0].number))
    assert.deepEqual(await invoicingQueries.customerBalance(other.organization.id, customerId), [])
    assert.deepEqual(await invoicingQueries.overdueInvoices(other.organization.id), [])
  })
})
