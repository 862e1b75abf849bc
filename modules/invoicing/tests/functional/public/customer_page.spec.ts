import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { publicLinks } from '../../../app/services/public_links.ts'
import {
  createCustomer,
  createDraft,
  createInvoicingOrganization,
  invoicingUrl,
  issue,
} from '../../helpers.ts'

const year = DateTime.now().year

/** An issued quote (or invoice) of 1,160.00 CDF and the token of its customer's link. */
async function issuedDocument(
  client: Parameters<typeof createCustomer>[0],
  kind: 'quote' | 'invoice' = 'quote',
  validUntil: string | null = DateTime.now().plus({ days: 30 }).toISODate()
) {
  const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
  const customerId = await createCustomer(client, owner, organization)
  const draft = await createDraft(client, owner, organization, {
    kind,
    customerId,
    ...(kind === 'quote' ? { validUntil } : {}),
    notes: 'Livraison comprise',
    lines: [{ description: 'Conseil', quantity: '1', unitPrice: '1000', taxGroup: 'B' }],
  })
  draft.assertStatus(201)
  const documentId = draft.body().document.id as string
  ;(await issue(client, owner, organization, documentId)).assertStatus(200)
  const token = publicLinks.token({ organizationId: organization.id, documentId })
  return { owner, organization, documentId, customerId, token }
}

const page = (token: string, rest = '') => `/api/v1/public/invoicing/${token}${rest}`

test.group('Invoicing / the customer page of a document', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the issued document without an account; an unchanged document answers 304 to its ETag', async ({
    client,
    assert,
  }) => {
    const { token } = await issuedDocument(client)
    const shown = await client.get(page(token))
    shown.assertStatus(200)
    assert.containsSubset(shown.body().document, {
      kind: 'quote',
      status: 'issued',
      number: `DV-${year}-0001`,
      total: '1160.00',
      currency: 'CDF',
      notes: 'Livraison comprise',
      canAnswer: true,
      lines: [{ description: 'Conseil', quantity: '1', net: '1000.00', taxGroup: 'B' }],
    })
    assert.notProperty(shown.body().document, 'timeline', 'who did what stays inside')
    const etag = shown.header('etag')!
    assert.match(etag, /^"[\w-]+"$/)
    const again = await client.get(page(token)).header('if-none-match', etag)
    again.assertStatus(304)
  })

  test('the customer accepts a quote once: twice is one answer on the timeline, the ETag changes, refusing afterwards is a 409', async ({
    client,
    assert,
  }) => {
    const { token, documentId } = await issuedDocument(client)
    const before = (await client.get(page(token))).header('etag')!
    const [first, second] = await Promise.all([
      client.post(page(token, '/accept')).withCsrfToken(),
      client.post(page(token, '/accept')).withCsrfToken(),
    ])
    first.assertStatus(200)
    second.assertStatus(200)
    assert.deepEqual(second.body(), first.body())
    assert.containsSubset(first.body().document, { status: 'accepted', canAnswer: false })
    assert.isString(first.body().document.respondedAt)
    const events = await db
      .from('invoicing.document_events')
      .where('document_id', documentId)
      .where('action', 'accepted')
    assert.lengthOf(events, 1)
    assert.deepEqual(events[0].data, { by: 'customer' })
    assert.isNull(events[0].actor_id)

    const after = await client.get(page(token)).header('if-none-match', before)
    after.assertStatus(200)
    assert.equal(after.body().document.status, 'accepted')

    const refused = await client
      .post(page(token, '/refuse'))
      .header('accept-language', 'en')
      .withCsrfToken()
    refused.assertStatus(409)
    assert.containsSubset(refused.body().errors[0], { code: 'E_QUOTE_ANSWERED', field: 'status' })
  })

  test('after its validity date a quote can no longer be answered: a 422 naming the date, in the reader’s language', async ({
    client,
    assert,
  }) => {
    const yesterday = DateTime.now().minus({ days: 1 }).toISODate()!
    const { token, documentId } = await issuedDocument(client, 'quote', yesterday)
    const shown = await client.get(page(token))
    assert.isFalse(shown.body().document.canAnswer)
    const refused = await client
      .post(page(token, '/refuse'))
      .header('accept-language', 'fr')
      .withCsrfToken()
    refused.assertStatus(422)
    assert.containsSubset(refused.body().errors[0], {
      code: 'E_QUOTE_EXPIRED',
      field: 'validUntil',
    })
    assert.include(refused.body().errors[0].message, yesterday)
    assert.include(refused.body().errors[0].message, 'valable')
    const stored = await db.from('invoicing.documents').where('id', documentId).firstOrFail()
    assert.equal(stored.status, 'issued')
  })

  test('an invoice is not answered; a draft or an altered token shows nothing', async ({
    client,
    assert,
  }) => {
    const { token, owner, organization, customerId } = await issuedDocument(client, 'invoice')
    const answered = await client.post(page(token, '/accept')).withCsrfToken()
    answered.assertStatus(409)
    assert.equal(answered.body().errors[0].code, 'E_NOT_QUOTE')
    assert.isFalse((await client.get(page(token))).body().document.canAnswer)

    const draft = await createDraft(client, owner, organization, {
      kind: 'quote',
      customerId,
      lines: [{ description: 'Étude', quantity: '1', unitPrice: '10', taxGroup: 'B' }],
    })
    const draftToken = publicLinks.token({
      organizationId: organization.id,
      documentId: draft.body().document.id,
    })
    for (const url of [
      page(draftToken),
      page(draftToken, '/accept'),
      page(`${token.slice(0, -4)}AAAA`),
    ]) {
      const response = url.endsWith('/accept')
        ? await client.post(url).withCsrfToken()
        : await client.get(url)
      response.assertStatus(404)
      assert.equal(response.body().errors[0].code, 'E_PUBLIC_LINK_INVALID')
    }
    const stored = await db
      .from('invoicing.documents')
      .where('id', draft.body().document.id)
      .first()
    assert.equal(stored.status, 'draft')
  })

  test('an accepted quote becomes one draft invoice in one click; another organisation gets a 404', async ({
    client,
    assert,
  }) => {
    const { token, owner, organization, documentId, customerId } = await issuedDocument(client)
    const convert = () =>
      client
        .post(invoicingUrl(organization, `/quotes/${documentId}/invoice`))
        .loginAs(owner)
        .withCsrfToken()
    const early = await convert()
    early.assertStatus(409)
    assert.equal(early.body().errors[0].code, 'E_QUOTE_NOT_ACCEPTED')

    await client.post(page(token, '/accept')).withCsrfToken()
    const made = await convert()
    made.assertStatus(201)
    assert.containsSubset(made.body().document, {
      kind: 'invoice',
      status: 'draft',
      customerId,
      currency: 'CDF',
      total: '1160.00',
      notes: 'Livraison comprise',
      lines: [{ description: 'Conseil', quantity: '1', unitPrice: '1000', taxGroup: 'B' }],
    })
    assert.deepEqual(made.body().document.timeline[0].data, {
      quoteId: documentId,
      quoteNumber: `DV-${year}-0001`,
    })
    const again = await convert()
    again.assertStatus(200)
    assert.equal(again.body().document.id, made.body().document.id)
    const quote = await client
      .get(invoicingUrl(organization, `/documents/${documentId}`))
      .loginAs(owner)
    assert.equal(quote.body().document.invoiceDocumentId, made.body().document.id)
    // The timeline names who did what: the user by name, the customer's answer by no member.
    const timeline = quote.body().document.timeline as {
      action: string
      actorName: string | null
    }[]
    assert.equal(timeline.find((entry) => entry.action === 'converted')?.actorName, owner.fullName)
    assert.equal(timeline.find((entry) => entry.action === 'issued')?.actorName, owner.fullName)
    assert.isNull(timeline.find((entry) => entry.action === 'accepted')?.actorName)

    const stranger = await createInvoicingOrganization()
    const foreign = await client
      .post(invoicingUrl(stranger.organization, `/quotes/${documentId}/invoice`))
      .loginAs(stranger.owner)
      .withCsrfToken()
    foreign.assertStatus(404)
    const invoices = await db
      .from('invoicing.documents')
      .where('organization_id', organization.id)
      .where('kind', 'invoice')
      .count('* as count')
    assert.equal(Number(invoices[0].count), 1)
  })
})
