import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { extractText, getDocumentProxy } from 'unpdf'
import { runQueuedJobs } from '@ia/platform/testing'
import {
  createInvoicingOrganization,
  createCustomer,
  createDraft,
  invoicingUrl,
  issue,
} from '../../helpers.ts'

const year = DateTime.now().year

/** An invoice of 1,160.00 CDF to a customer who has an email address, issued or not. */
async function invoiceFor(
  client: Parameters<typeof createCustomer>[0],
  fields: Record<string, unknown> = { email: 'compta@brasserie.cd' },
  issued = true
) {
  const { owner, organization } = await createInvoicingOrganization({ currency: 'CDF' })
  organization.merge({ legalName: 'Kin Commerce SARL' })
  await organization.save()
  const customerId = await createCustomer(client, owner, organization, fields)
  const draft = (
    await createDraft(client, owner, organization, {
      customerId,
      paymentTermsDays: 30,
      lines: [{ description: 'Conseil', quantity: '1', unitPrice: '1000', taxGroup: 'B' }],
    })
  ).body().document
  if (issued) (await issue(client, owner, organization, draft.id)).assertStatus(200)
  return { owner, organization, documentId: draft.id as string }
}

const linkIn = (text: string) =>
  text.match(/https?:\/\/\S+\/public\/invoicing\/[^\s?]+\?lang=(fr|en)/)?.[0]
/** The API address of what the customer's page shows, from the page's link. */
const apiOf = (link: string, rest = '') => {
  const url = new URL(link)
  return `/api/v1${url.pathname}${rest}${url.search}`
}

test.group('Invoicing / sending by email and the customer link', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('sending mails the PDF to the customer with a link that opens it without an account; the timeline says so', async ({
    client,
    assert,
  }) => {
    const mails = mail.fake()
    const { owner, organization, documentId } = await invoiceFor(client)
    const sent = await client
      .post(invoicingUrl(organization, `/documents/${documentId}/send`))
      .json({ lang: 'fr', message: 'Bonjour, voici la facture de novembre.' })
      .loginAs(owner)
      .withCsrfToken()
    sent.assertStatus(200)
    assert.equal(sent.body().document.status, 'sent')
    assert.includeMembers(
      sent.body().document.timeline.map((entry: { action: string }) => entry.action),
      ['issued', 'sent', 'emailed']
    )
    await runQueuedJobs()

    const message = mails.messages.sent().find((entry) => entry.hasTo('compta@brasserie.cd'))!
    const json = message.toJSON().message
    assert.equal(json.subject, `Facture FA-${year}-0001 de Kin Commerce SARL`)
    const text = String(json.text)
    assert.include(text, 'Bonjour, voici la facture de novembre.')
    assert.include(text.replace(/[\u00a0\u202f]/g, ' '), '1 160,00 FC')
    // The fake transport keeps each attachment's bytes as base64.
    const attachment = (
      json.attachments as { filename: string; content: string; contentType: string }[]
    ).find((entry) => entry.contentType === 'application/pdf')!
    const pdf = Buffer.from(attachment.content, 'base64')
    assert.equal(attachment.filename, `Facture FA-${year}-0001.pdf`)
    const { text: pdfText } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
      mergePages: true,
    })
    assert.include(pdfText, `FA-${year}-0001`)

    const link = linkIn(text)!
    assert.match(
      new URL(link).pathname,
      /^\/public\/invoicing\//,
      "the link opens the shell's customer page"
    )
    const page = await client.get(apiOf(link))
    page.assertStatus(200)
    assert.containsSubset(page.body().document, {
      kind: 'invoice',
      number: `FA-${year}-0001`,
      status: 'sent',
      total: '1160.00',
    })
    const opened = await client.get(apiOf(link, '/pdf'))
    opened.assertStatus(200)
    assert.equal(opened.header('content-type'), 'application/pdf')
    assert.isTrue((opened.body() as Buffer).equals(pdf), 'the link shows the PDF that was sent')
  })

  test('an altered or made-up link is a 404 that says the link no longer works', async ({
    client,
    assert,
  }) => {
    const mails = mail.fake()
    const { owner, organization, documentId } = await invoiceFor(client)
    await client
      .post(invoicingUrl(organization, `/documents/${documentId}/send`))
      .json({ lang: 'en' })
      .loginAs(owner)
      .withCsrfToken()
    await runQueuedJobs()
    const link = linkIn(String(mails.messages.sent()[0].toJSON().message.text))!
    const token = link.split('/invoicing/')[1].split('?')[0]
    const altered = link.replace(token, `${token.slice(0, -4)}AAAA`)
    for (const url of [altered, link.replace(token, 'not-a-token')]) {
      const response = await client.get(apiOf(url, '/pdf')).header('accept-language', 'en')
      response.assertStatus(404)
      assert.equal(response.body().errors[0].code, 'E_PUBLIC_LINK_INVALID')
    }
  })

  test('a customer without an address: sending asks for one (422 on "to") and changes nothing; with one it goes there', async ({
    client,
    assert,
  }) => {
    const mails = mail.fake()
    const { owner, organization, documentId } = await invoiceFor(client, {}, false)
    const refused = await client
      .post(invoicingUrl(organization, `/documents/${documentId}/send`))
      .json({})
      .loginAs(owner)
      .withCsrfToken()
    refused.assertStatus(422)
    assert.containsSubset(refused.body().errors[0], { code: 'E_NO_RECIPIENT', field: 'to' })
    const draft = await db.from('invoicing.documents').where('id', documentId).firstOrFail()
    assert.equal(draft.status, 'draft', 'the refused send did not issue the draft either')

    const sent = await client
      .post(invoicingUrl(organization, `/documents/${documentId}/send`))
      .json({ to: 'achats@client.cd', lang: 'en' })
      .loginAs(owner)
      .withCsrfToken()
    sent.assertStatus(200)
    await runQueuedJobs()
    assert.equal(
      mails.messages.sent()[0].toJSON().message.subject,
      `Invoice FA-${year}-0001 from Kin Commerce SARL`
    )
    assert.isTrue(mails.messages.sent()[0].hasTo('achats@client.cd'))
  })
})
