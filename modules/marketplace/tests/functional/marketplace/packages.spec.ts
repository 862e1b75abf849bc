import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '@ia/platform/testing'
import {
  approvedVendor,
  entriesOf,
  exampleManifest,
  makePlatformAdmin,
  remoteFiles,
  signPackage,
  tarGz,
  uploadPackage,
  vendorKeyPair,
  zip,
  type ArchiveEntry,
} from '../../helpers.ts'

type ApiError = { code: string; field?: string; message: string }

/** What the marketplace holds: nothing may change after a refused upload. */
async function stored() {
  const [listings, versions] = await Promise.all([
    db.from('marketplace.listings').count('* as total'),
    db.from('marketplace.versions').count('* as total'),
  ])
  return { listings: Number(listings[0].total), versions: Number(versions[0].total) }
}

async function setup(client: Parameters<typeof approvedVendor>[0]) {
  const admin = await makePlatformAdmin(await createUser())
  const user = await createUser({ locale: 'en' })
  const vendor = await approvedVendor(client, user, admin)
  return { admin, user, vendor }
}

const validFiles = (version = '1.0.0', overrides: Record<string, unknown> = {}) =>
  remoteFiles(exampleManifest('acme-timesheets', version, overrides))

test.group('Marketplace / package upload', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a signed .tar.gz is checked, stored and submitted for review', async ({
    client,
    assert,
  }) => {
    const { user, vendor } = await setup(client)
    const response = await uploadPackage(
      client,
      user,
      await tarGz(entriesOf(signPackage(validFiles(), vendor.privateKey)))
    )
    response.assertStatus(201)
    assert.containsSubset(response.body().version, {
      moduleId: 'acme-timesheets',
      version: '1.0.0',
      status: 'submitted',
      scopes: ['contacts:read'],
    })
    assert.sameMembers(
      response.body().version.files.map((file: { path: string }) => file.path),
      [
        'module.json',
        'remoteEntry.js',
        'assets/_plugin-vue_export-helper-Dx1.js',
        'icon.svg',
        'screenshots/home.png',
      ]
    )
    const listings = await client.get('/api/v1/marketplace/vendor/listings').loginAs(user)
    listings.assertStatus(200)
    assert.containsSubset(listings.body().data, [
      {
        moduleId: 'acme-timesheets',
        installs: 0,
        versions: [{ version: '1.0.0', status: 'submitted' }],
      },
    ])
  })

  test('a signed .zip is accepted too', async ({ client }) => {
    const { user, vendor } = await setup(client)
    const response = await uploadPackage(
      client,
      user,
      await zip(entriesOf(signPackage(validFiles(), vendor.privateKey))),
      'package.zip'
    )
    response.assertStatus(201)
  })

  test('each bad package is refused with its own error naming the file or field, and nothing is stored', async ({
    client,
    assert,
  }) => {
    const { user, vendor } = await setup(client)
    const other = vendorKeyPair()
    const signed = (files: Map<string, Buffer>, options?: Parameters<typeof signPackage>[2]) =>
      signPackage(files, vendor.privateKey, options)
    const withEntries = (extra: ArchiveEntry[]) => [...entriesOf(signed(validFiles())), ...extra]
    const cases: Array<[string, Promise<Buffer>, string, string]> = [
      [
        'a path with ..',
        tarGz(withEntries([{ name: '../evil.js', data: Buffer.from('x') }])),
        'E_PACKAGE_PATH_TRAVERSAL',
        '../evil.js',
      ],
      [
        'an absolute path',
        tarGz(withEntries([{ name: '/etc/cron.d/x', data: Buffer.from('x') }])),
        'E_PACKAGE_PATH_ABSOLUTE',
        '/etc/cron.d/x',
      ],
      [
        'a symbolic link',
        tarGz(withEntries([{ name: 'assets/link.js', type: 'symlink', linkname: '/etc/passwd' }])),
        'E_PACKAGE_NOT_A_FILE',
        'assets/link.js',
      ],
      [
        'a hard link',
        tarGz(withEntries([{ name: 'assets/hard.js', type: 'link', linkname: 'remoteEntry.js' }])),
        'E_PACKAGE_NOT_A_FILE',
        'assets/hard.js',
      ],
      [
        'a device',
        tarGz(withEntries([{ name: 'dev', type: 'character-device' }])),
        'E_PACKAGE_NOT_A_FILE',
        'dev',
      ],
      [
        'a symbolic link in a zip',
        zip(withEntries([{ name: 'assets/link.js', type: 'symlink', linkname: '/etc/passwd' }])),
        'E_PACKAGE_NOT_A_FILE',
        'assets/link.js',
      ],
      [
        'a ..-path in a zip',
        zip(withEntries([{ name: '../evil.js', data: Buffer.from('x') }])),
        'E_PACKAGE_PATH_TRAVERSAL',
        '../evil.js',
      ],
      [
        'a too-large file',
        tarGz(
          entriesOf(
            signed(
              remoteFiles(exampleManifest('acme-timesheets', '1.0.0'), {
                'assets/big.js': Buffer.alloc(5 * 1024 * 1024 + 1, 0x61),
              })
            )
          )
        ),
        'E_PACKAGE_FILE_TOO_LARGE',
        'assets/big.js',
      ],
      [
        'an archive bomb',
        tarGz(
          entriesOf(
            signed(
              remoteFiles(
                exampleManifest('acme-timesheets', '1.0.0'),
                Object.fromEntries(
                  Array.from({ length: 6 }, (_, index) => [
                    `assets/zeros-${index}.js`,
                    Buffer.alloc(4.5 * 1024 * 1024, 0x20),
                  ])
                )
              )
            )
          )
        ),
        'E_PACKAGE_UNPACKED_TOO_LARGE',
        'package',
      ],
      [
        'an executable named .js',
        tarGz(
          entriesOf(
            signed(
              remoteFiles(exampleManifest('acme-timesheets', '1.0.0'), {
                'assets/tool.js': Buffer.concat([
                  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]),
                  Buffer.alloc(64),
                ]),
              })
            )
          )
        ),
        'E_PACKAGE_FILE_TYPE',
        'assets/tool.js',
      ],
      [
        'a file type not allowed',
        tarGz(
          entriesOf(
            signed(
              remoteFiles(exampleManifest('acme-timesheets', '1.0.0'), { 'run.sh': '#!/bin/sh\n' })
            )
          )
        ),
        'E_PACKAGE_FILE_TYPE',
        'run.sh',
      ],
      [
        'a file missing from the hash list',
        tarGz(
          entriesOf(signed(validFiles(), { unlisted: ['assets/_plugin-vue_export-helper-Dx1.js'] }))
        ),
        'E_PACKAGE_FILE_UNLISTED',
        'assets/_plugin-vue_export-helper-Dx1.js',
      ],
      [
        'a wrong hash',
        tarGz(
          entriesOf(
            signed(validFiles(), { hashes: { 'remoteEntry.js': `sha384-${'A'.repeat(64)}` } })
          )
        ),
        'E_PACKAGE_HASH_MISMATCH',
        'remoteEntry.js',
      ],
      [
        'a listed file missing',
        tarGz(
          entriesOf(
            signed(validFiles(), { listedOnly: { 'assets/gone.js': `sha384-${'B'.repeat(64)}` } })
          )
        ),
        'E_PACKAGE_FILE_MISSING',
        'assets/gone.js',
      ],
      [
        'a wrong signature',
        tarGz(entriesOf(signed(validFiles(), { signWith: other.privateKey }))),
        'E_PACKAGE_SIGNATURE_INVALID',
        'signature.json',
      ],
      [
        'a manifest missing a field',
        tarGz(
          entriesOf(
            signed(
              remoteFiles({ ...exampleManifest('acme-timesheets', '1.0.0'), changelog: undefined })
            )
          )
        ),
        'E_PACKAGE_MANIFEST_INVALID',
        'module.json:changelog',
      ],
      [
        'an unknown scope',
        tarGz(
          entriesOf(signed(validFiles('1.0.0', { scopes: ['contacts:read', 'bank:transfer'] })))
        ),
        'E_PACKAGE_MANIFEST_INVALID',
        'module.json:scopes.1',
      ],
      [
        'a version that is not semantic',
        tarGz(entriesOf(signed(validFiles('1.0')))),
        'E_PACKAGE_MANIFEST_INVALID',
        'module.json:version',
      ],
      [
        'another vendor prefix',
        tarGz(entriesOf(signed(remoteFiles(exampleManifest('other-timesheets', '1.0.0'))))),
        'E_PACKAGE_MODULE_ID_PREFIX',
        'module.json:id',
      ],
      [
        'an unsupported platform',
        tarGz(entriesOf(signed(validFiles('1.0.0', { platform: '>=2.0.0' })))),
        'E_PACKAGE_PLATFORM_RANGE',
        'module.json:platform',
      ],
      [
        'pages outside the module',
        tarGz(
          entriesOf(
            signed(
              validFiles('1.0.0', { remote: { name: 'x', routeBase: '/contacts', navigation: [] } })
            )
          )
        ),
        'E_PACKAGE_ROUTE_BASE',
        'module.json:remote.routeBase',
      ],
      [
        'no remote entry',
        tarGz(
          entriesOf(
            signed(new Map([...validFiles()].filter(([path]) => path !== 'remoteEntry.js')))
          )
        ),
        'E_PACKAGE_FILE_MISSING',
        'remoteEntry.js',
      ],
      [
        'no signature file',
        tarGz(
          entriesOf(
            new Map([...signed(validFiles())].filter(([path]) => path !== 'signature.json'))
          )
        ),
        'E_PACKAGE_FILE_MISSING',
        'signature.json',
      ],
      [
        'not an archive',
        Promise.resolve(Buffer.from('just text, not an archive')),
        'E_PACKAGE_FORMAT',
        'package',
      ],
      [
        'a truncated archive',
        tarGz(entriesOf(signed(validFiles()))).then((archive) =>
          archive.subarray(0, archive.length - 40)
        ),
        'E_PACKAGE_CORRUPT',
        'package',
      ],
    ]
    const before = await stored()
    const failures: string[] = []
    for (const [label, archive, code, field] of cases) {
      const response = await uploadPackage(client, user, await archive)
      const error = (response.body().errors as ApiError[] | undefined)?.[0]
      if (response.status() !== 422 || error?.code !== code || error?.field !== field) {
        failures.push(`${label}: ${response.status()} ${error?.code} ${error?.field}`)
      } else if (!error.message || error.message.startsWith('marketplace.')) {
        failures.push(`${label}: untranslated message ${error.message}`)
      }
    }
    assert.deepEqual(failures, [])
    assert.deepEqual(await stored(), before)
  })

  test('a version not higher than the last one is refused, naming the version field', async ({
    client,
    assert,
  }) => {
    const { user, vendor } = await setup(client)
    const upload = async (version: string) =>
      uploadPackage(
        client,
        user,
        await tarGz(entriesOf(signPackage(validFiles(version), vendor.privateKey)))
      )
    ;(await upload('1.2.0')).assertStatus(201)
    for (const version of ['1.2.0', '1.1.9']) {
      const response = await upload(version)
      response.assertStatus(422)
      assert.containsSubset(response.body().errors, [
        { code: 'E_PACKAGE_VERSION_NOT_HIGHER', field: 'module.json:version' },
      ])
    }
    ;(await upload('1.3.0-beta.1')).assertStatus(201)
  })

  test('a revoked key signs nothing; another vendor cannot publish under a taken id', async ({
    client,
    assert,
  }) => {
    const { admin, user, vendor } = await setup(client)
    const revoked = await client
      .post(`/api/v1/marketplace/vendor/keys/${vendor.keyId}/revoke`)
      .loginAs(user)
      .withCsrfToken()
    revoked.assertStatus(200)
    assert.isNotNull(revoked.body().key.revokedAt)
    const refused = await uploadPackage(
      client,
      user,
      await tarGz(entriesOf(signPackage(validFiles(), vendor.privateKey)))
    )
    assert.containsSubset(refused.body().errors, [{ code: 'E_PACKAGE_SIGNATURE_INVALID' }])

    const rival = await createUser()
    const rivalVendor = await approvedVendor(client, rival, admin, 'rival')
    const files = remoteFiles(exampleManifest('rival-timesheets', '1.0.0'))
    ;(
      await uploadPackage(
        client,
        rival,
        await tarGz(entriesOf(signPackage(files, rivalVendor.privateKey)))
      )
    ).assertStatus(201)
    const other = await client
      .post(`/api/v1/marketplace/vendor/keys/${vendor.keyId}/revoke`)
      .loginAs(rival)
      .withCsrfToken()
    other.assertStatus(404)
  })

  test('a vendor not approved yet cannot upload; a user without a profile gets 404', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const keys = vendorKeyPair()
    ;(
      await client
        .post('/api/v1/marketplace/vendor')
        .json({ name: 'Lente', prefix: 'lente', email: 'l@vendor.example' })
        .loginAs(user)
        .withCsrfToken()
    ).assertStatus(201)
    ;(
      await client
        .post('/api/v1/marketplace/vendor/keys')
        .json({ name: 'k', publicKey: keys.publicKey })
        .loginAs(user)
        .withCsrfToken()
    ).assertStatus(201)
    const files = remoteFiles(exampleManifest('lente-timesheets', '1.0.0'))
    const response = await uploadPackage(
      client,
      user,
      await tarGz(entriesOf(signPackage(files, keys.privateKey)))
    )
    response.assertStatus(403)
    assert.equal(response.body().errors[0].code, 'E_VENDOR_NOT_APPROVED')
    ;(await client.get('/api/v1/marketplace/vendor').loginAs(await createUser())).assertStatus(404)
  })

  test('keys that are not Ed25519 and taken prefixes are refused on their field', async ({
    client,
    assert,
  }) => {
    const { user } = await setup(client)
    const bad = await client
      .post('/api/v1/marketplace/vendor/keys')
      .json({ name: 'rsa', publicKey: 'A'.repeat(60) })
      .loginAs(user)
      .withCsrfToken()
    bad.assertStatus(422)
    assert.containsSubset(bad.body().errors, [{ code: 'E_VENDOR_KEY_INVALID', field: 'publicKey' }])
    const taken = await client
      .post('/api/v1/marketplace/vendor')
      .json({ name: 'Copie', prefix: 'acme', email: 'c@vendor.example' })
      .loginAs(await createUser())
      .withCsrfToken()
    taken.assertStatus(422)
    assert.containsSubset(taken.body().errors, [{ code: 'E_VENDOR_PREFIX_TAKEN', field: 'prefix' }])
  })
})
