import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { createInvoicingOrganization, invoicingUrl } from '../../helpers.ts'

test.group('Invoicing / sample data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('sample data gives a lived-in invoicing, and removing it leaves the series to start at 1', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({
      currency: 'CDF',
      reportingCurrency: 'USD',
    })
    const registry = await app.container.make('platform.modules')
    await db.transaction((trx) =>
      registry.loadSampleData(organization.id, ['contacts', 'currencies', 'invoicing'], trx)
    )
    const list = await client
      .get(invoicingUrl(organization, '/documents?perPage=50'))
      .loginAs(owner)
    list.assertStatus(200)
    const byKindStatus = list
      .body()
      .data.map(
        (document: { kind: string; status: string }) => `${document.kind}:${document.status}`
      )
      .sort()
    assert.deepEqual(byKindStatus, [
      'invoice:draft',
      'invoice:overdue',
      'invoice:paid',
      'invoice:partially_paid',
      'invoice:sent',
    ])
    const quotes = await client
      .get(invoicingUrl(organization, '/documents?kind=quote'))
      .loginAs(owner)
    assert.deepEqual(
      quotes.body().data.map((document: { status: string }) => document.status),
      ['sent']
    )
    const products = await client.get(invoicingUrl(organization, '/products')).loginAs(owner)
    assert.lengthOf(products.body().data, 4)

    await db.transaction((trx) => registry.removeSampleData(organization.id, trx))
    for (const table of ['documents', 'payments', 'products', 'number_counters']) {
      const [{ count }] = await db
        .from(`invoicing.${table}`)
        .where('organization_id', organization.id)
        .count('* as count')
      assert.equal(Number(count), 0, table)
    }
    const series = await client.get(invoicingUrl(organization, '/series')).loginAs(owner)
    assert.match(
      series.body().data.find((entry: { kind: string }) => entry.kind === 'invoice').nextNumber,
      /-0001$/
    )
  })

  test('the sample mark of an issued document cannot be taken off (nor put on a real one)', async ({
    assert,
  }) => {
    const { organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const registry = await app.container.make('platform.modules')
    await db.transaction((trx) =>
      registry.loadSampleData(organization.id, ['contacts', 'currencies', 'invoicing'], trx)
    )
    const issued = await db
      .from('invoicing.documents')
      .where('organization_id', organization.id)
      .whereNotNull('number')
      .first()
    assert.isTrue(issued.sample)
    await db.rawQuery('SAVEPOINT before_change')
    const refused = await db
      .rawQuery('UPDATE invoicing.documents SET sample = false WHERE id = ?', [issued.id])
      .then(() => null)
      .catch((error: { constraint?: string }) => error.constraint)
    await db.rawQuery('ROLLBACK TO SAVEPOINT before_change')
    assert.equal(refused, 'invoicing_issued_immutable')
  })
})
