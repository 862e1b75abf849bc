import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOwnerWithOrganization, enableModule } from '@ia/platform/testing'
import { EmcfServer } from '../../emcf_server.ts'
import { fiscalUrl, issuedInvoice, normalisingOrganization, runQueuedJobs } from '../../helpers.ts'

test.group('Fiscal / device settings', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  let server: EmcfServer
  group.each.setup(() => {
    server = new EmcfServer()
    return () => server.stop()
  })

  test('the token is stored encrypted and never answered; the status check reads the e-MCF', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await normalisingOrganization(client, server)
    const shown = await client.get(fiscalUrl(organization, '/settings')).loginAs(owner)
    shown.assertStatus(200)
    assert.containsSubset(shown.body().settings, {
      configured: true,
      enabled: true,
      nif: server.options.nif,
      hasToken: true,
    })
    assert.notInclude(JSON.stringify(shown.body()), server.options.token)
    const stored = await db.from('fiscal.devices').where('organization_id', organization.id).first()
    assert.notInclude(stored.token_encrypted, server.options.token)

    server.holdForeignPending(3)
    const checked = await client
      .post(fiscalUrl(organization, '/settings/check'))
      .loginAs(owner)
      .withCsrfToken()
    checked.assertStatus(200)
    assert.containsSubset(checked.body().status, { nim: server.options.nim, pendingCount: 3 })
  })

  test('a token the e-MCF refuses, and an e-MCF that does not answer, are said plainly', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await normalisingOrganization(client, server)
    server.options.token = 'un-autre-jeton'
    const refused = await client
      .post(fiscalUrl(organization, '/settings/check'))
      .header('accept-language', 'fr')
      .loginAs(owner)
      .withCsrfToken()
    refused.assertStatus(422)
    assert.containsSubset(refused.body().errors[0], {
      code: 'E_FISCAL_TOKEN_REFUSED',
      field: 'token',
    })
    assert.include(refused.body().errors[0].message, 'jeton')
    server.options.down = true
    const down = await client
      .post(fiscalUrl(organization, '/settings/check'))
      .header('accept-language', 'en')
      .loginAs(owner)
      .withCsrfToken()
    down.assertStatus(502)
    assert.equal(down.body().errors[0].code, 'E_FISCAL_DEVICE_UNAVAILABLE')
  })

  test('bad settings are refused field by field, nothing saved; the first save needs a token', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    for (const moduleId of ['contacts', 'currencies', 'invoicing', 'fiscal'])
      await enableModule(organization, moduleId, owner)
    const put = (body: Record<string, unknown>) =>
      client
        .put(fiscalUrl(organization, '/settings'))
        .header('accept-language', 'fr')
        .json(body)
        .loginAs(owner)
        .withCsrfToken()
    const valid = {
      enabled: true,
      environment: 'test',
      baseUrl: 'https://emcf.example.cd/api',
      nif: 'A1234567B',
      isf: 'ISF-1',
    }
    const bad = await put({ ...valid, nif: 'n°?', baseUrl: 'pas une adresse', environment: 'x' })
    bad.assertStatus(422)
    assert.sameMembers(
      bad.body().errors.map((error: { field: string }) => error.field),
      ['nif', 'baseUrl', 'environment']
    )
    assert.include(
      bad.body().errors.find((error: { field: string }) => error.field === 'nif').message,
      'NIF'
    )
    const noToken = await put(valid)
    noToken.assertStatus(422)
    assert.equal(noToken.body().errors[0].code, 'E_FISCAL_TOKEN_REQUIRED')
    assert.isNull(await db.from('fiscal.devices').where('organization_id', organization.id).first())
  })

  test('another organisation sees none of it', async ({ client, assert }) => {
    const { owner, organization } = await normalisingOrganization(client, server)
    const invoice = await issuedInvoice(client, owner, organization)
    await runQueuedJobs()
    const [row] = await db
      .from('fiscal.normalisations')
      .where('organization_id', organization.id)
      .select('id')
    const other = await createOwnerWithOrganization()
    await enableModule(other.organization, 'contacts', other.owner)
    await enableModule(other.organization, 'currencies', other.owner)
    await enableModule(other.organization, 'invoicing', other.owner)
    await enableModule(other.organization, 'fiscal', other.owner)
    const theirs = (path: string) => fiscalUrl(other.organization, path)
    ;(
      await client.get(theirs(`/documents/${invoice.id}/normalisation`)).loginAs(other.owner)
    ).assertStatus(404)
    ;(
      await client
        .post(theirs(`/normalisations/${row.id}/retry`))
        .loginAs(other.owner)
        .withCsrfToken()
    ).assertStatus(404)
    const list = await client.get(theirs('/normalisations')).loginAs(other.owner)
    assert.deepEqual(list.body().data, [])
    const settings = await client.get(theirs('/settings')).loginAs(other.owner)
    assert.containsSubset(settings.body().settings, { configured: false, nif: null })
  })

  test('a failed normalisation is tried again once the cause is fixed; a normalised one is refused', async ({
    client,
    assert,
  }) => {
    server.options.rates = { B: null }
    const { owner, organization } = await normalisingOrganization(client, server)
    const invoice = await issuedInvoice(client, owner, organization)
    await runQueuedJobs()
    const [row] = await db.from('fiscal.normalisations').where('document_id', invoice.id)
    assert.equal(row.status, 'failed')
    server.options.rates = {}
    const retried = await client
      .post(fiscalUrl(organization, `/normalisations/${row.id}/retry`))
      .loginAs(owner)
      .withCsrfToken()
    retried.assertStatus(200)
    assert.equal(retried.body().normalisation.status, 'awaiting')
    await runQueuedJobs()
    const [after] = await db.from('fiscal.normalisations').where('document_id', invoice.id)
    assert.equal(after.status, 'normalised')
    const again = await client
      .post(fiscalUrl(organization, `/normalisations/${row.id}/retry`))
      .loginAs(owner)
      .withCsrfToken()
    again.assertStatus(409)
    await assert.rejects(() =>
      db.from('fiscal.normalisations').where('id', row.id).update({ dgi_code: 'X' })
    )
  })
})
