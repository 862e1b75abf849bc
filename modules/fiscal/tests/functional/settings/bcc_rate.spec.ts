import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EmcfServer } from '../../emcf_server.ts'
import { normalisingOrganization, runQueuedJobs } from '../../helpers.ts'

/** The BCC's page as the local server serves it (the layout of the currencies module's fixtures). */
const bccPage = (rate: string) => `<!DOCTYPE html><html lang="fr"><body>
<h3>Taux de change indicatif du ${new Date().toLocaleDateString('fr-FR', { timeZone: 'UTC' })}</h3>
<table><tr><th>Devise</th><th>Cours acheteur moyen</th><th>Cours vendeur moyen</th><th>Taux indicatif</th></tr>
<tr><td>USD</td><td>2 184,4451</td><td>2 273,6062</td><td>${rate}</td></tr></table></body></html>`

test.group('Fiscal / the BCC rate checked against the e-MCF', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  let emcf: EmcfServer
  let bcc: Server
  let page = ''
  group.each.setup(async () => {
    emcf = new EmcfServer()
    bcc = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end(page)
    })
    await new Promise<void>((resolve) => bcc.listen(0, '127.0.0.1', resolve))
    return async () => {
      await emcf.stop()
      await new Promise((resolve) => bcc.close(resolve))
    }
  })

  test('a BCC rate more than 1 % from the e-MCF one is flagged and not recorded; a close one is, with the BCC as source', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await normalisingOrganization(client, emcf)
    const bccUrl = `http://127.0.0.1:${(bcc.address() as AddressInfo).port}/`
    ;(
      await client
        .put(`/api/v1/orgs/${organization.id}/currencies/settings`)
        .json({
          currencies: ['CDF', 'USD'],
          defaultCurrency: 'CDF',
          reportingCurrency: 'USD',
          rateSource: 'Banque Centrale du Congo - taux indicatif',
          providerUrl: bccUrl,
        })
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(200)
    const fetchNow = async () => {
      ;(
        await client
          .post(`/api/v1/orgs/${organization.id}/currencies/provider/fetch`)
          .loginAs(owner)
          .withCsrfToken()
      ).assertStatus(202)
      await runQueuedJobs()
      return (
        await client.get(`/api/v1/orgs/${organization.id}/currencies/settings`).loginAs(owner)
      ).body().settings
    }
    const rates = async (): Promise<{ rate: string; source: string }[]> =>
      (await client.get(`/api/v1/orgs/${organization.id}/currencies/rates`).loginAs(owner)).body()
        .data

    emcf.options.usdRate = '2280'
    page = bccPage('2 229,0257')
    const flagged = await fetchNow()
    assert.match(
      flagged.providerError,
      /^Flagged, not recorded: 1 USD = 2229\.0257 CDF is 2\.24 % away from e-MCF/
    )
    assert.lengthOf(await rates(), 0)

    emcf.options.usdRate = '2235.5'
    const recorded = await fetchNow()
    assert.isNull(recorded.providerError)
    const [rate] = await rates()
    assert.equal(Number(rate.rate), 2229.0257)
    assert.equal(rate.source, 'Banque Centrale du Congo - taux indicatif')

    page = '<html><body><p>Site en maintenance</p></body></html>'
    const broken = await fetchNow()
    assert.include(broken.providerError, 'no table with "Devise" and "Taux indicatif"')
    assert.lengthOf(await rates(), 1)
  })
})
