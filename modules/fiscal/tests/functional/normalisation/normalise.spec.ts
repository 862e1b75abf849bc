import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { EmcfServer } from '../../emcf_server.ts'
import {
  createDraft,
  fiscalUrl,
  invoicingUrl,
  issue,
  issuedInvoice,
  normalisationOf,
  normalisingOrganization,
  runQueuedJobs,
  textOf,
} from '../../helpers.ts'

test.group('Fiscal / normalising invoices and credit notes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  let server: EmcfServer
  group.each.setup(() => {
    server = new EmcfServer()
    return () => server.stop()
  })
  group.each.teardown(() => mail.restore())

  test('an invoice and its credit note are normalised end to end, the DGI fields printed on their PDFs', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await normalisingOrganization(client, server)
    const invoice = await issuedInvoice(client, owner, organization)
    await runQueuedJobs()

    const normalised = await normalisationOf(client, owner, organization, invoice.id)
    assert.containsSubset(normalised, {
      status: 'normalised',
      number: invoice.number,
      total: '2820.00',
      tax: '320.00',
      emcfTotal: '2820.00',
      nim: server.options.nim,
    })
    assert.lengthOf(normalised.dgiCode, 24)
    const sent = server.received[0]
    assert.containsSubset(sent, {
      nif: server.options.nif,
      isf: server.options.isf,
      rn: invoice.number,
      type: 'FV',
      client: { type: 'PM', nif: 'A0700001X' },
      curCode: 'CDF',
    })
    assert.deepEqual(
      sent.items.map((item: Record<string, unknown>) => [item.type, item.taxGroup, item.price]),
      [
        ['SER', 'B', '1000'],
        ['SER', 'A', '500'],
      ]
    )

    const pdf = await client
      .get(invoicingUrl(organization, `/documents/${invoice.id}/pdf?lang=fr`))
      .loginAs(owner)
    pdf.assertStatus(200)
    const text = await textOf(pdf.body())
    assert.include(text, `CODE DEF/DGI : ${normalised.dgiCode}`)
    assert.include(text, `DEF NIM : ${server.options.nim}`)
    assert.include(text, `DEF Compteurs : ${normalised.counters}`)
    assert.include(text, `DEF Heure : ${normalised.dgiDateTime}`)
    assert.include(
      text,
      'Arrêté la présente facture à la somme de deux mille huit cent vingt francs congolais.'
    )

    const credit = await createDraft(client, owner, organization, {
      kind: 'credit_note',
      creditedDocumentId: invoice.id,
      lines: [{ description: 'Casier (retour)', quantity: '1', unitPrice: '1000', taxGroup: 'B' }],
    })
    credit.assertStatus(201)
    const creditNote = (await issue(client, owner, organization, credit.body().document.id)).body()
      .document
    await runQueuedJobs()
    const creditNormalised = await normalisationOf(client, owner, organization, creditNote.id)
    assert.equal(creditNormalised.status, 'normalised')
    assert.containsSubset(server.received[1], { type: 'FA', reference: normalised.dgiCode })
    const creditText = await textOf(
      (
        await client
          .get(invoicingUrl(organization, `/documents/${creditNote.id}/pdf?lang=en`))
          .loginAs(owner)
      ).body()
    )
    assert.include(creditText, `CODE DEF/DGI : ${creditNormalised.dgiCode}`)
    assert.include(
      creditText,
      'Arrêté le présent avoir à la somme de mille cent soixante francs congolais.'
    )
  })

  test('an invoice is not emailed before it is normalised, and is after', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const { owner, organization } = await normalisingOrganization(client, server)
    const invoice = await issuedInvoice(client, owner, organization, {
      nif: 'A0700001X',
      email: 'compta@brasserie.cd',
    })
    const send = () =>
      client
        .post(invoicingUrl(organization, `/documents/${invoice.id}/send`))
        .json({ lang: 'fr' })
        .loginAs(owner)
        .withCsrfToken()
    const early = await send()
    early.assertStatus(409)
    assert.equal(early.body().errors[0].code, 'E_AWAITING_NORMALISATION')
    assert.include(early.body().errors[0].message, 'attend sa normalisation')
    await runQueuedJobs()
    ;(await send()).assertStatus(200)
  })

  test('the queue respects the device: ten pending of another till, ours waits, then goes through once they expire', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await normalisingOrganization(client, server)
    server.holdForeignPending(10)
    const invoice = await issuedInvoice(client, owner, organization)
    await runQueuedJobs()
    assert.equal(
      (await normalisationOf(client, owner, organization, invoice.id)).status,
      'awaiting'
    )
    assert.lengthOf(server.received, 0)
    const settings = (await client.get(fiscalUrl(organization, '/settings')).loginAs(owner)).body()
      .settings
    assert.equal(settings.retryCount, 1)
    assert.isNotNull(settings.nextAttemptAt)

    server.expireAllPending()
    ;(
      await client
        .post(fiscalUrl(organization, '/normalisations/drain'))
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(202)
    await runQueuedJobs()
    assert.equal(
      (await normalisationOf(client, owner, organization, invoice.id)).status,
      'normalised'
    )
  })

  test('eleven invoices at once are normalised in order, never more than one of ours pending', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await normalisingOrganization(client, server)
    const invoices = []
    for (let index = 0; index < 11; index++)
      invoices.push(await issuedInvoice(client, owner, organization))
    await runQueuedJobs()
    assert.deepEqual(
      server.received.map((body) => body.rn),
      invoices.map((invoice) => invoice.number)
    )
    assert.equal(server.maxPendingSeen, 1)
    assert.equal(server.confirmed.size, 11)
  })

  test('a run killed between the POST and its answer is completed on the next run, never sent twice', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await normalisingOrganization(client, server)
    server.options.cutAfterNextPost = true
    const invoice = await issuedInvoice(client, owner, organization)
    await runQueuedJobs()
    assert.equal(server.pending.size, 1)
    assert.equal(
      (await normalisationOf(client, owner, organization, invoice.id)).status,
      'awaiting'
    )

    await client
      .post(fiscalUrl(organization, '/normalisations/drain'))
      .loginAs(owner)
      .withCsrfToken()
    await runQueuedJobs()
    const normalised = await normalisationOf(client, owner, organization, invoice.id)
    assert.equal(normalised.status, 'normalised')
    assert.lengthOf(server.received, 1)
    assert.equal(server.pending.size, 0)
    assert.equal(server.confirmed.size, 1)
  })

  test('the e-MCF down for the day: invoices wait visibly, then the queue drains', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await normalisingOrganization(client, server)
    server.options.down = true
    const first = await issuedInvoice(client, owner, organization)
    const second = await issuedInvoice(client, owner, organization)
    await runQueuedJobs()
    const waiting = await client
      .get(fiscalUrl(organization, '/normalisations?status=awaiting'))
      .loginAs(owner)
    assert.sameMembers(
      waiting.body().data.map((row: { documentId: string }) => row.documentId),
      [first.id, second.id]
    )
    const settings = (await client.get(fiscalUrl(organization, '/settings')).loginAs(owner)).body()
      .settings
    assert.match(settings.lastError, /^unreachable/)

    server.options.down = false
    await client
      .post(fiscalUrl(organization, '/normalisations/drain'))
      .loginAs(owner)
      .withCsrfToken()
    await runQueuedJobs()
    for (const invoice of [first, second])
      assert.equal(
        (await normalisationOf(client, owner, organization, invoice.id)).status,
        'normalised'
      )
    const after = (await client.get(fiscalUrl(organization, '/settings')).loginAs(owner)).body()
      .settings
    assert.containsSubset(after, { retryCount: 0, lastError: null })
  })

  test('totals that differ: the pending invoice is cancelled and the difference shown', async ({
    client,
    assert,
  }) => {
    server.options.rates = { B: '18' }
    const { owner, organization } = await normalisingOrganization(client, server)
    const invoice = await issuedInvoice(client, owner, organization)
    await runQueuedJobs()
    const failed = await normalisationOf(client, owner, organization, invoice.id)
    assert.containsSubset(failed, {
      status: 'failed',
      errorCode: 'E_TOTALS_MISMATCH',
      total: '2820.00',
      tax: '320.00',
      emcfTotal: '2860.00',
      emcfTax: '360.00',
      dgiCode: null,
    })
    assert.equal(server.pending.size, 0)
    assert.equal(server.confirmed.size, 0)
  })

  test('a tax group the device does not know fails that invoice with the device reason', async ({
    client,
    assert,
  }) => {
    server.options.rates = { B: null }
    const { owner, organization } = await normalisingOrganization(client, server)
    const invoice = await issuedInvoice(client, owner, organization)
    await runQueuedJobs()
    const failed = await normalisationOf(client, owner, organization, invoice.id)
    assert.containsSubset(failed, { status: 'failed', errorCode: 'E_DEVICE_REJECTED' })
    assert.include(failed.errorMessage, 'TAX_GROUP')
  })

  test('a company client without a NIF is refused before anything is sent', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await normalisingOrganization(client, server)
    const invoice = await issuedInvoice(client, owner, organization, { nif: null })
    await runQueuedJobs()
    const failed = await normalisationOf(client, owner, organization, invoice.id)
    assert.containsSubset(failed, { status: 'failed', errorCode: 'E_CLIENT_NIF_REQUIRED' })
    assert.lengthOf(server.received, 0)
  })

  test('a token the e-MCF refuses: the invoice waits and the settings say why', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await normalisingOrganization(client, server)
    server.options.token = 'jeton-renouvele-par-la-dgi'
    const invoice = await issuedInvoice(client, owner, organization)
    await runQueuedJobs()
    assert.equal(
      (await normalisationOf(client, owner, organization, invoice.id)).status,
      'awaiting'
    )
    const settings = (await client.get(fiscalUrl(organization, '/settings')).loginAs(owner)).body()
      .settings
    assert.match(settings.lastError, /^unauthorized/)
  })
})
