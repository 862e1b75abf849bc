/*
 * The two trust tiers as the browser receives them: the sandboxed frame's document and its policy, the
 * API's answer to that frame's opaque origin, and the shell page's policy listing the outside hosts of
 * in-page (audited) vendor modules only.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOwnerWithOrganization, createUser, enableModule } from '@ia/platform/testing'
import {
  approvedVendor,
  installVersion,
  makePlatformAdmin,
  publishVersion,
  useMarketplaceKey,
} from '../../helpers.ts'

const HOST_PAGE = `<!doctype html>
<html lang="fr">
  <head>
    <script type="module" crossorigin src="/assets/mf-entry-bootstrap-0-abc.js"></script>
    <link rel="modulepreload" crossorigin href="/remoteEntry-x86.js">
  </head>
  <body><div id="frame"></div></body>
</html>
`

/** The directives of a policy, by name. */
function directives(policy: string) {
  return Object.fromEntries(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/)
      return [name, sources]
    })
  ) as Record<string, string[]>
}

test.group('Marketplace / sandboxed tier and policies', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  let restoreKey: () => void
  let restoreFrame: () => void
  let work: string

  group.setup(async () => {
    restoreKey = (await useMarketplaceKey()).restore
    work = await mkdtemp(join(tmpdir(), 'ia-frame-'))
    await writeFile(join(work, 'frame.html'), HOST_PAGE)
    const previous = app.config.get('marketplace.frameDocument')
    app.config.set('marketplace.frameDocument', join(work, 'frame.html'))
    restoreFrame = () => app.config.set('marketplace.frameDocument', previous)
    return async () => {
      restoreKey()
      restoreFrame()
      await rm(work, { recursive: true, force: true })
    }
  })

  async function published(client: Parameters<typeof approvedVendor>[0], audited = false) {
    const admin = await makePlatformAdmin(await createUser())
    const vendorUser = await createUser()
    const vendor = await approvedVendor(client, vendorUser, admin)
    if (audited) {
      const marked = await client
        .post(`/api/v1/admin/marketplace/vendors/${vendor.vendorId}/review`)
        .json({ decision: 'approve', audited: true })
        .loginAs(admin)
        .withCsrfToken()
      marked.assertStatus(200)
    }
    const versionId = await publishVersion(
      client,
      { user: vendorUser, privateKey: vendor.privateKey },
      admin,
      'acme-timesheets',
      '1.0.0'
    )
    return { admin, vendorUser, vendor, versionId }
  }

  test('the frame document is sandboxed, runs only the signed scripts, each checked against its hash, and calls only the API and the declared hosts', async ({
    client,
    assert,
  }) => {
    await published(client)
    const response = await client.get('/marketplace/frame/acme-timesheets/1.0.0')
    response.assertStatus(200)
    const policy = response.header('content-security-policy') as string
    const origin = /script-src \S+ (\S+)\/assets\//.exec(policy)![1]
    const base = `${origin}/marketplace/files/acme-timesheets/1.0.0/`
    const rules = directives(policy)
    assert.deepEqual(rules.sandbox, ['allow-scripts'])
    assert.deepEqual(rules['default-src'], [`'none'`])
    assert.deepEqual(rules['frame-ancestors'], [origin])
    assert.deepEqual(rules['connect-src'], [`${origin}/api/`, 'https://api.timesheets.example'])
    // Exactly the signed scripts of the version, no folder of it: an unlisted chunk is refused.
    assert.includeMembers(rules['script-src'], [
      `${origin}/assets/`,
      `${origin}/remoteEntry-x86.js`,
      `${base}remoteEntry.js`,
      `${base}assets/_plugin-vue_export-helper-Dx1.js`,
    ])
    assert.notInclude(rules['script-src'], base)
    assert.notInclude(rules['script-src'], `'unsafe-inline'`)
    assert.notInclude(rules['script-src'], `'unsafe-eval'`)

    const html = response.text()
    const importMap = /<script type="importmap">(.*?)<\/script>/.exec(html)![1]
    assert.isBelow(html.indexOf('importmap'), html.indexOf('mf-entry-bootstrap'))
    const hash = `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`
    assert.include(rules['script-src'], hash)
    const integrity = JSON.parse(importMap).integrity as Record<string, string>
    assert.sameMembers(Object.keys(integrity), [
      `${base}remoteEntry.js`,
      `${base}assets/_plugin-vue_export-helper-Dx1.js`,
    ])
    const signed = await client.get('/marketplace/signatures/acme-timesheets/1.0.0')
    assert.equal(integrity[`${base}remoteEntry.js`], signed.body().files['remoteEntry.js'])

    ;(await client.get('/marketplace/frame/acme-timesheets/9.9.9')).assertStatus(404)
  })

  test('a version not approved has no frame', async ({ client }) => {
    const admin = await makePlatformAdmin(await createUser())
    const vendorUser = await createUser()
    const vendor = await approvedVendor(client, vendorUser, admin)
    await publishVersion(
      client,
      { user: vendorUser, privateKey: vendor.privateKey },
      admin,
      'acme-timesheets',
      '1.0.0',
      { approve: false }
    )
    ;(await client.get('/marketplace/frame/acme-timesheets/1.0.0')).assertStatus(404)
  })

  test('the API answers the frame’s opaque origin only for Bearer calls, never with credentials', async ({
    client,
    assert,
  }) => {
    const preflight = await client
      .options('/api/v1/me')
      .header('origin', 'null')
      .header('access-control-request-method', 'GET')
      .header('access-control-request-headers', 'authorization,accept-language')
    assert.equal(preflight.header('access-control-allow-origin'), 'null')
    assert.notExists(preflight.header('access-control-allow-credentials'))
    const withBearer = await client
      .get('/api/v1/me')
      .header('origin', 'null')
      .header('authorization', 'Bearer not-a-real-token')
    assert.equal(withBearer.header('access-control-allow-origin'), 'null')
    const withCookies = await client.get('/api/v1/me').header('origin', 'null')
    assert.notExists(withCookies.header('access-control-allow-origin'))
    const elsewhere = await client
      .get('/api/v1/me')
      .header('origin', 'https://evil.example')
      .header('authorization', 'Bearer not-a-real-token')
    assert.notExists(elsewhere.header('access-control-allow-origin'))
  })

  test('the shell page may call the hosts of in-page vendor modules installed somewhere, and no other', async ({
    client,
    assert,
  }) => {
    const connectSources = async () =>
      directives(
        (await client.get('/some/shell/page')).header('content-security-policy') as string
      )['connect-src']
    const sandboxed = await published(client)
    const { owner, organization } = await createOwnerWithOrganization('Brasserie du Lac')
    await enableModule(organization, 'marketplace', owner)
    await installVersion(client, owner, organization, sandboxed.versionId)
    // A sandboxed module's hosts are its frame's business, not the shell page's.
    assert.deepEqual(await connectSources(), [`'self'`])

    const marked = await client
      .post(`/api/v1/admin/marketplace/vendors/${sandboxed.vendor.vendorId}/review`)
      .json({ decision: 'approve', audited: true })
      .loginAs(sandboxed.admin)
      .withCsrfToken()
    marked.assertStatus(200)
    assert.deepEqual(await connectSources(), [`'self'`, 'https://api.timesheets.example'])

    const disabled = await client
      .post(`/api/v1/orgs/${organization.id}/modules/acme-timesheets/disable`)
      .loginAs(owner)
      .withCsrfToken()
    disabled.assertStatus(200)
    assert.deepEqual(await connectSources(), [`'self'`])
  })
})
