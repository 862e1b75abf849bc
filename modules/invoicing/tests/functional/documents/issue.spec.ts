import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  createInvoicingOrganization,
  createCustomer,
  createDraft,
  invoicingUrl,
  issue,
} from '../../helpers.ts'
import { deliveredEvents } from '../../ledger_events.ts'

const year = DateTime.now().year

test.group('Invoicing / issue, immutability, credit notes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('issues with the next number of the series, dated today, legal mentions frozen, an event for the ledger', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    organization.merge({
      legalName: 'Démo SARL',
      nif: 'A0000001B',
      rccm: 'CD/KNG/RCCM/24-B-00001',
      idNat: '01-83-N00001A',
      address: '1, avenue du Commerce',
    })
    await organization.save()
    const customerId = await createCustomer(client, owner, organization, {
      nif: 'A1234567B',
      address: '45, avenue Kasa-Vubu',
      city: 'Lubumbashi',
    })
    const lines = [{ description: 'Service', quantity: '2', unitPrice: '1500', taxGroup: 'B' }]
    const first = (
      await createDraft(client, owner, organization, {
        customerId,
        issueDate: '2025-01-01',
        paymentTermsDays: 15,
        lines,
      })
    ).body().document
    const second = (await createDraft(client, owner, organization, { customerId, lines })).body()
      .document

    const issued = await issue(client, owner, organization, first.id)
    issued.assertStatus(200)
    const invoice = issued.body().document
    const today = DateTime.now().toISODate()!
    assert.containsSubset(invoice, {
      status: 'issued',
      number: `FA-${year}-0001`,
      issueDate: today,
      dueDate: DateTime.now().plus({ days: 15 }).toISODate(),
      total: '3480.00',
      reportingCurrency: 'CDF',
      exchangeRate: '1',
      reportingTotal: '3480.00',
      seller: { legalName: 'Démo SARL', nif: 'A0000001B', rccm: 'CD/KNG/RCCM/24-B-00001' },
      customer: { name: 'Brasserie de Kinshasa', nif: 'A1234567B', city: 'Lubumbashi' },
    })
    assert.deepEqual(
      invoice.timeline.map((entry: { action: string }) => entry.action),
      ['created', 'issued']
    )
    assert.equal(
      (await issue(client, owner, organization, second.id)).body().document.number,
      `FA-${year}-0002`
    )

    const issuedEvents = await deliveredEvents('invoicing.invoice.issued', organization.id)
    assert.lengthOf(issuedEvents, 2)
    assert.containsSubset(
      issuedEvents.find((event) => event.documentId === first.id),
      {
        documentId: first.id,
        number: `FA-${year}-0001`,
        customerId,
        customerNif: 'A1234567B',
        currency: 'CDF',
        net: '3000.00',
        tax: '480.00',
        total: '3480.00',
        taxGroups: [{ taxGroup: 'B', taxRate: '16', base: '3000.00', tax: '480.00' }],
        exchangeRate: '1',
        bookCurrency: 'CDF',
      }
    )
  })

  test('an issued invoice is never changed or deleted: the API answers 409 and the database refuses it too', async ({
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
    ;(await issue(client, owner, organization, draft.id)).assertStatus(200)

    const patch = await client
      .patch(invoicingUrl(organization, `/documents/${draft.id}`))
      .json({ notes: 'changed' })
      .loginAs(owner)
      .withCsrfToken()
    patch.assertStatus(409)
    assert.containsSubset(patch.body().errors[0], { code: 'E_DOCUMENT_NOT_DRAFT', field: 'status' })
    ;(
      await client
        .delete(invoicingUrl(organization, `/documents/${draft.id}`))
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(409)
    ;(await issue(client, owner, organization, draft.id)).assertStatus(409)

    const refusals = [
      () => db.from('invoicing.documents').where('id', draft.id).update({ total_minor: 1 }),
      () => db.from('invoicing.documents').where('id', draft.id).update({ customer_name: 'Autre' }),
      () =>
        db
          .from('invoicing.documents')
          .where('id', draft.id)
          .update({ status: 'draft', number: null }),
      () => db.from('invoicing.documents').where('id', draft.id).delete(),
      () =>
        db.from('invoicing.document_lines').where('document_id', draft.id).update({ quantity: 5 }),
      () => db.from('invoicing.document_lines').where('document_id', draft.id).delete(),
      () =>
        db.table('invoicing.document_lines').insert({
          organization_id: organization.id,
          document_id: draft.id,
          position: 9,
          description: 'x',
          quantity: 1,
          unit_price: 1,
          tax_group: 'B',
          tax_rate: 16,
          gross_minor: 1,
          discount_minor: 0,
          net_minor: 1,
        }),
    ]
    for (const refused of refusals) {
      await db.rawQuery('SAVEPOINT immutable')
      await assert.rejects(refused, /cannot be (changed|deleted)/)
      await db.rawQuery('ROLLBACK TO SAVEPOINT immutable')
    }
    // Its settlement fields may move (a payment, a credit note), nothing else.
    await db
      .from('invoicing.documents')
      .where('id', draft.id)
      .update({ status: 'sent', sent_at: new Date() })
  })

  test('issuing needs a line', async ({ client, assert }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    const empty = (await createDraft(client, owner, organization, { customerId, lines: [] })).body()
      .document
    const response = await issue(client, owner, organization, empty.id)
    response.assertStatus(422)
    assert.containsSubset(response.body().errors[0], {
      code: 'E_DOCUMENT_NO_LINES',
      field: 'lines',
    })
    const counters = await db
      .from('invoicing.number_counters')
      .where('organization_id', organization.id)
    assert.lengthOf(counters, 0)
  })

  test('a partial credit note reduces the balance; a full one cancels the invoice; neither goes above it', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    const invoice = (
      await createDraft(client, owner, organization, {
        customerId,
        lines: [
          { description: 'A', quantity: '2', unitPrice: '1000' },
          { description: 'B', quantity: '1', unitPrice: '500', taxGroup: 'A' },
        ],
      })
    ).body().document
    await issue(client, owner, organization, invoice.id)

    const partial = await createDraft(client, owner, organization, {
      kind: 'credit_note',
      creditedDocumentId: invoice.id,
      lines: [{ description: 'A (retour)', quantity: '1', unitPrice: '1000', taxGroup: 'B' }],
    })
    partial.assertStatus(201)
    assert.containsSubset(partial.body().document, {
      kind: 'credit_note',
      invoiceType: 'credit_note',
      customerId,
      total: '1160.00',
      creditedDocumentId: invoice.id,
    })
    const partialIssued = (
      await issue(client, owner, organization, partial.body().document.id)
    ).body().document
    assert.equal(partialIssued.number, `AV-${year}-0001`)
    const afterPartial = (
      await client.get(invoicingUrl(organization, `/documents/${invoice.id}`)).loginAs(owner)
    ).body().document
    assert.containsSubset(afterPartial, {
      status: 'issued',
      total: '2820.00',
      credited: '1160.00',
      balance: '1660.00',
    })
    assert.includeMembers(
      afterPartial.timeline.map((entry: { action: string }) => entry.action),
      ['credited']
    )

    // A full copy of the invoice is now more than its balance.
    const full = (
      await createDraft(client, owner, organization, {
        kind: 'credit_note',
        creditedDocumentId: invoice.id,
      })
    ).body().document
    assert.equal(full.total, '2820.00')
    const tooMuch = await issue(client, owner, organization, full.id)
    tooMuch.assertStatus(422)
    assert.containsSubset(tooMuch.body().errors[0], {
      code: 'E_CREDIT_ABOVE_BALANCE',
      field: 'lines',
    })

    const rest = await createDraft(client, owner, organization, {
      kind: 'credit_note',
      creditedDocumentId: invoice.id,
      lines: [
        { description: 'A (solde)', quantity: '1', unitPrice: '1000', taxGroup: 'B' },
        { description: 'B', quantity: '1', unitPrice: '500', taxGroup: 'A' },
      ],
    })
    ;(await issue(client, owner, organization, rest.body().document.id)).assertStatus(200)
    const cancelled = (
      await client.get(invoicingUrl(organization, `/documents/${invoice.id}`)).loginAs(owner)
    ).body().document
    assert.containsSubset(cancelled, { status: 'cancelled', balance: '0.00', credited: '2820.00' })
    const creditEvents = await deliveredEvents('invoicing.credit_note.issued', organization.id)
    assert.lengthOf(creditEvents, 2)
    assert.containsSubset(creditEvents[0], {
      creditedDocumentId: invoice.id,
      creditedNumber: `FA-${year}-0001`,
      total: '1160.00',
    })
  })

  test('a credit note names an issued invoice of the organisation', async ({ client, assert }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    const draft = (
      await createDraft(client, owner, organization, {
        customerId,
        lines: [{ description: 'A', quantity: '1', unitPrice: '100' }],
      })
    ).body().document
    const response = await createDraft(client, owner, organization, {
      kind: 'credit_note',
      creditedDocumentId: draft.id,
    })
    response.assertStatus(422)
    assert.containsSubset(response.body().errors[0], {
      code: 'E_CREDIT_SOURCE_INVALID',
      field: 'creditedDocumentId',
    })
  })

  test('the series format is configurable; numbers already taken keep theirs', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const bad = await client
      .put(invoicingUrl(organization, '/series/invoice'))
      .json({ format: 'F-{NNNN}' })
      .loginAs(owner)
      .withCsrfToken()
    bad.assertStatus(422)
    assert.containsSubset(bad.body().errors[0], { code: 'E_SERIES_FORMAT', field: 'format' })
    const good = await client
      .put(invoicingUrl(organization, '/series/invoice'))
      .json({ format: 'F{YY}/{NNNNN}' })
      .loginAs(owner)
      .withCsrfToken()
    good.assertStatus(200)
    assert.containsSubset(
      good.body().data.find((series: { kind: string }) => series.kind === 'invoice'),
      {
        format: 'F{YY}/{NNNNN}',
        issued: 0,
        nextNumber: `F${String(year % 100).padStart(2, '0')}/00001`,
      }
    )
    const customerId = await createCustomer(client, owner, organization)
    const draft = (
      await createDraft(client, owner, organization, {
        customerId,
        lines: [{ description: 'A', quantity: '1', unitPrice: '100' }],
      })
    ).body().document
    assert.equal(
      (await issue(client, owner, organization, draft.id)).body().document.number,
      `F${String(year % 100).padStart(2, '0')}/00001`
    )
  })
})
