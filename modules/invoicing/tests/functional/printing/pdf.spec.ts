import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { extractText, getDocumentProxy } from 'unpdf'
import {
  createInvoicingOrganization,
  createCustomer,
  createDraft,
  invoicingUrl,
  issue,
  recordRate,
} from '../../helpers.ts'
import type { ApiClient } from '@japa/api-client'
import type { Organization, User } from '@ia/platform/testing'

const year = DateTime.now().year

async function textOf(pdf: Buffer) {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
    mergePages: true,
  })
  // Plain spaces for French typography's no-break ones, and one space for a line the layout wrapped.
  return text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ')
}

async function pdfOf(
  client: ApiClient,
  owner: User,
  organization: Organization,
  documentId: string,
  query = ''
) {
  const response = await client
    .get(invoicingUrl(organization, `/documents/${documentId}/pdf${query}`))
    .loginAs(owner)
  return response
}

/** An invoice in USD for a company with NIF and RCCM, issued, in an organisation with its legal mentions. */
async function issuedUsdInvoice(client: ApiClient) {
  const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
  organization.merge({
    legalName: 'Kin Commerce SARL',
    nif: 'A0701234X',
    rccm: 'CD/KIN/RCCM/21-B-04567',
    idNat: '01-83-N12345P',
    address: '12, avenue du Commerce',
    city: 'Kinshasa',
  })
  await organization.save()
  await client
    .put(`/api/v1/orgs/${organization.id}/currencies/settings`)
    .json({ currencies: ['CDF', 'USD'], defaultCurrency: 'CDF', reportingCurrency: 'CDF' })
    .loginAs(owner)
    .withCsrfToken()
  await recordRate(client, owner, organization, 'USD', 'CDF', '2850', DateTime.now().toISODate()!)
  const customerId = await createCustomer(client, owner, organization, {
    name: 'Société Générale d’Équipement',
    nif: 'A1234567B',
    rccm: 'CD/KNG/RCCM/14-B-1234',
  })
  const lines = [
    {
      description: 'Ordinateur portable',
      quantity: '2',
      unit: 'pièce',
      unitPrice: '1450',
      discountPercent: '5',
      taxGroup: 'B',
    },
    { description: 'Farine de maïs', quantity: '10', unitPrice: '42.50', taxGroup: 'A' },
  ]
  const draft = (
    await createDraft(client, owner, organization, {
      customerId,
      currency: 'USD',
      paymentTermsDays: 30,
      notes: 'Merci pour votre confiance.',
      lines,
    })
  ).body().document
  const issued = await issue(client, owner, organization, draft.id)
  issued.assertStatus(200)
  return { owner, organization, invoice: issued.body().document }
}

test.group('Invoicing / printing', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an issued invoice prints its number, parties, lines, taxes per group, totals and rate, in French', async ({
    client,
    assert,
  }) => {
    const { owner, organization, invoice } = await issuedUsdInvoice(client)
    // The screens show the rate the PDF prints.
    assert.containsSubset(invoice, { currency: 'USD', bookCurrency: 'CDF', bookRate: '2850' })
    const response = await pdfOf(client, owner, organization, invoice.id, '?lang=fr')
    response.assertStatus(200)
    assert.equal(response.header('content-type'), 'application/pdf')
    assert.include(response.header('content-disposition'), `Facture%20FA-${year}-0001.pdf`)
    // The invoicing screens frame it in their own page, and only they may.
    assert.equal(response.header('x-frame-options'), 'SAMEORIGIN')
    assert.include(response.header('content-security-policy'), "frame-ancestors 'self'")
    const text = await textOf(response.body())
    for (const expected of [
      `FA-${year}-0001`,
      'Facture',
      'Kin Commerce SARL',
      'RCCM CD/KIN/RCCM/21-B-04567',
      'NIF A0701234X',
      'Société Générale d’Équipement',
      'CD/KNG/RCCM/14-B-1234',
      'Ordinateur portable',
      '2 755,00',
      '5 %',
      'B TVA taux normal (16 %) 2 755,00 440,80',
      'A Exonéré ou hors champ 425,00 0,00',
      'Total TTC',
      '3 620,80 $US',
      'Payable sous 30 jours.',
      'Merci pour votre confiance.',
      '1 USD = 2 850,00 CDF',
    ]) {
      assert.include(text, expected)
    }
  })

  test('the same invoice prints the same bytes twice; in English its words change, not its figures', async ({
    client,
    assert,
  }) => {
    const { owner, organization, invoice } = await issuedUsdInvoice(client)
    const first = (
      await pdfOf(client, owner, organization, invoice.id, '?lang=en')
    ).body() as Buffer
    const second = (
      await pdfOf(client, owner, organization, invoice.id, '?lang=en')
    ).body() as Buffer
    assert.isTrue(first.equals(second))
    const text = await textOf(first)
    for (const expected of [
      'Invoice',
      'BILL TO',
      'Due within 30 days.',
      '$3,620.80',
      'VAT standard rate (16%)',
      '5%',
    ])
      assert.include(text, expected)
  })

  test("a draft prints marked as a draft; another organisation's document is a 404", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
    const customerId = await createCustomer(client, owner, organization)
    const draft = (
      await createDraft(client, owner, organization, {
        customerId,
        lines: [{ description: 'Conseil', quantity: '1', unitPrice: '100000', taxGroup: 'B' }],
      })
    ).body().document
    const text = await textOf((await pdfOf(client, owner, organization, draft.id)).body())
    assert.include(text, 'BROUILLON')
    const other = await createInvoicingOrganization({ currency: 'CDF' })
    const response = await client
      .get(invoicingUrl(other.organization, `/documents/${draft.id}/pdf`))
      .loginAs(other.owner)
    response.assertStatus(404)
  })
})
