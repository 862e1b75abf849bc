import { createHash, createPublicKey, verify } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import {
  addMember,
  auditTrail,
  createOwnerWithOrganization,
  createUser,
  enableModule,
} from '@ia/platform/testing'
import { files } from '@ia/kernel/contracts'
import {
  approvedVendor,
  installVersion,
  makePlatformAdmin,
  publishVersion,
  useMarketplaceKey,
} from '../../helpers.ts'
import { storedPath } from '../../../app/services/package_files.ts'

/** A platform admin, an approved vendor, and an organisation with the marketplace enabled. */
async function world(client: Parameters<typeof approvedVendor>[0]) {
  const admin = await makePlatformAdmin(await createUser())
  const vendorUser = await createUser()
  const vendor = { user: vendorUser, ...(await approvedVendor(client, vendorUser, admin)) }
  const { owner, organization } = await createOwnerWithOrganization('Brasserie du Fleuve')
  await enableModule(organization, 'marketplace', owner)
  return { admin, vendor, owner, organization }
}

const orgUrl = (organizationId: string, rest: string) =>
  `/api/v1/orgs/${organizationId}/marketplace/${rest}`

test.group('Marketplace / review, catalogue, installs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => (await useMarketplaceKey()).restore)

  test('the review lists submissions with a diff; approval counter-signs, rejection gives the vendor a reason', async ({
    client,
    assert,
  }) => {
    const { admin, vendor } = await world(client)
    await publishVersion(client, vendor, admin, 'acme-timesheets', '1.0.0')
    const second = await publishVersion(client, vendor, admin, 'acme-timesheets', '1.1.0', {
      approve: false,
      manifest: { scopes: ['contacts:read', 'contacts:write'] },
    })
    const submissions = await client.get('/api/v1/admin/marketplace/submissions').loginAs(admin)
    submissions.assertStatus(200)
    assert.lengthOf(submissions.body().data, 1)
    assert.containsSubset(submissions.body().data[0], {
      version: { id: second, version: '1.1.0', status: 'submitted' },
      diff: {
        previousVersion: '1.0.0',
        scopesAdded: ['contacts:write'],
        scopesRemoved: [],
        filesChanged: ['module.json'],
        filesAdded: [],
        filesRemoved: [],
      },
      manifest: { id: 'acme-timesheets' },
    })

    const rejected = await client
      .post(`/api/v1/admin/marketplace/versions/${second}/review`)
      .json({ decision: 'reject', reason: 'Expliquez pourquoi contacts:write est nécessaire.' })
      .loginAs(admin)
      .withCsrfToken()
    rejected.assertStatus(200)
    const again = await client
      .post(`/api/v1/admin/marketplace/versions/${second}/review`)
      .json({ decision: 'approve' })
      .loginAs(admin)
      .withCsrfToken()
    again.assertStatus(409)
    const listings = await client.get('/api/v1/marketplace/vendor/listings').loginAs(vendor.user)
    assert.containsSubset(listings.body().data[0].versions, [
      {
        version: '1.1.0',
        status: 'rejected',
        reviewReason: 'Expliquez pourquoi contacts:write est nécessaire.',
      },
      { version: '1.0.0', status: 'approved' },
    ])
  })

  test('a platform admin route does not exist for anyone else', async ({ client }) => {
    const { vendor } = await world(client)
    ;(await client.get('/api/v1/admin/marketplace/submissions').loginAs(vendor.user)).assertStatus(
      404
    )
    ;(await client.get('/api/v1/admin/marketplace/submissions')).assertStatus(401)
  })

  test('approved files are served immutable under a versioned path with the signed hash list; nothing else is', async ({
    client,
    assert,
  }) => {
    const { admin, vendor } = await world(client)
    const { publicKey } = await useMarketplaceKey()
    await publishVersion(client, vendor, admin, 'acme-timesheets', '1.0.0')
    await publishVersion(client, vendor, admin, 'acme-timesheets', '1.1.0', { approve: false })

    const entry = await client.get('/marketplace/files/acme-timesheets/1.0.0/remoteEntry.js')
    entry.assertStatus(200)
    assert.match(entry.header('content-type') ?? '', /^text\/javascript/)
    assert.equal(entry.header('cache-control'), 'public, max-age=31536000, immutable')
    const chunk = await client.get(
      '/marketplace/files/acme-timesheets/1.0.0/assets/_plugin-vue_export-helper-Dx1.js'
    )
    chunk.assertStatus(200)

    const signed = await client.get('/marketplace/signatures/acme-timesheets/1.0.0')
    signed.assertStatus(200)
    const body = signed.body()
    assert.equal(
      body.files['remoteEntry.js'],
      `sha384-${createHash('sha384').update(entry.text()).digest('base64')}`
    )
    assert.isTrue(
      verify(
        null,
        Buffer.from(body.hashList),
        createPublicKey(body.vendorPublicKey),
        Buffer.from(body.vendorSignature, 'base64')
      )
    )
    const approval = `ia-marketplace-approval-v1\nacme-timesheets\n1.0.0\n${body.hashList}`
    assert.isTrue(
      verify(
        null,
        Buffer.from(approval),
        publicKey,
        Buffer.from(body.marketplaceSignature, 'base64')
      )
    )

    ;(await client.get('/marketplace/files/acme-timesheets/1.1.0/remoteEntry.js')).assertStatus(404)
    ;(await client.get('/marketplace/files/acme-timesheets/1.0.0/integrity.json')).assertStatus(404)
    ;(await client.get('/marketplace/files/acme-timesheets/1.0.0/unlisted.js')).assertStatus(404)

    // A stored file changed after approval is not served (the shell, which checks every file too, never gets it).
    const stored = storedPath('acme-timesheets', '1.0.0', {
      hash: body.files['remoteEntry.js'],
      size: 0,
      contentType: 'text/javascript',
    })
    await files.putShared(stored, Buffer.from('alert("changed after review")'), {
      contentType: 'text/javascript',
    })
    ;(await client.get('/marketplace/files/acme-timesheets/1.0.0/remoteEntry.js')).assertStatus(404)
  })

  test('install after consent, side by side with first-party modules, in the shell manifest of that organisation only', async ({
    client,
    assert,
  }) => {
    const { admin, vendor, owner, organization } = await world(client)
    const versionId = await publishVersion(client, vendor, admin, 'acme-timesheets', '1.0.0')
    const { owner: otherOwner, organization: other } =
      await createOwnerWithOrganization('Autre SARL')
    await enableModule(other, 'marketplace', otherOwner)

    const catalogue = await client
      .get(orgUrl(organization.id, 'modules'))
      .qs({ q: 'TEMPS' })
      .loginAs(owner)
    catalogue.assertStatus(200)
    assert.containsSubset(catalogue.body().data, [
      { moduleId: 'acme-timesheets', installs: 0, installed: null, vendor: { audited: false } },
    ])
    const page = await client.get(orgUrl(organization.id, 'modules/acme-timesheets')).loginAs(owner)
    page.assertStatus(200)
    assert.containsSubset(page.body().module, {
      scopes: [{ scope: 'contacts:read', description: 'Voir vos clients et fournisseurs.' }],
      screenshots: ['/marketplace/files/acme-timesheets/1.0.0/screenshots/home.png'],
      versions: [{ version: '1.0.0', changelog: { fr: 'Version 1.0.0.' } }],
      hosts: ['api.timesheets.example'],
    })

    const noConsent = await client
      .post(orgUrl(organization.id, 'installs'))
      .json({ versionId, consentedScopes: [] })
      .loginAs(owner)
      .withCsrfToken()
    noConsent.assertStatus(422)
    assert.containsSubset(noConsent.body().errors, [
      { code: 'E_CONSENT_REQUIRED', field: 'consentedScopes' },
    ])
    const member = await createUser()
    await addMember(organization, member, 'member')
    const byMember = await client
      .post(orgUrl(organization.id, 'installs'))
      .json({ versionId, consentedScopes: ['contacts:read'] })
      .loginAs(member)
      .withCsrfToken()
    byMember.assertStatus(403)

    const installId = await installVersion(client, owner, organization, versionId)
    const modules = await client.get(`/api/v1/orgs/${organization.id}/modules`).loginAs(owner)
    assert.containsSubset(modules.body().data, [
      { id: 'contacts', vendor: null },
      {
        id: 'acme-timesheets',
        version: '1.0.0',
        enabled: true,
        vendor: { name: 'Éditeur acme', audited: false },
      },
    ])
    const manifest = await client
      .get(`/api/v1/orgs/${organization.id}/shell-manifest`)
      .loginAs(owner)
    const shellModule = manifest
      .body()
      .modules.find((module: { id: string }) => module.id === 'acme-timesheets')
    assert.containsSubset(shellModule, {
      trust: 'sandboxed',
      signedHashList: '/marketplace/signatures/acme-timesheets/1.0.0',
      remote: { entry: '/marketplace/files/acme-timesheets/1.0.0/remoteEntry.js' },
      routeBase: '/acme-timesheets',
    })
    assert.match(
      shellModule.remote.integrity['/marketplace/files/acme-timesheets/1.0.0/remoteEntry.js'],
      /^sha384-/
    )

    const elsewhere = await client
      .get(`/api/v1/orgs/${other.id}/shell-manifest`)
      .loginAs(otherOwner)
    assert.notInclude(
      elsewhere.body().modules.map((module: { id: string }) => module.id),
      'acme-timesheets'
    )
    ;(
      await client
        .post(orgUrl(other.id, `installs/${installId}/disable`))
        .loginAs(otherOwner)
        .withCsrfToken()
    ).assertStatus(404)

    // Module administration disables and enables it like any other module.
    const disabled = await client
      .post(`/api/v1/orgs/${organization.id}/modules/acme-timesheets/disable`)
      .loginAs(owner)
      .withCsrfToken()
    disabled.assertStatus(200)
    assert.isFalse(disabled.body().module.enabled)
    const hidden = await client.get(`/api/v1/orgs/${organization.id}/shell-manifest`).loginAs(owner)
    assert.notInclude(
      hidden.body().modules.map((module: { id: string }) => module.id),
      'acme-timesheets'
    )
    ;(
      await client
        .post(`/api/v1/orgs/${organization.id}/modules/acme-timesheets/enable`)
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(200)

    const counted = await client.get('/api/v1/marketplace/vendor/listings').loginAs(vendor.user)
    assert.equal(counted.body().data[0].installs, 1)
    const trail = await auditTrail({
      organization_id: organization.id,
      subject_type: 'vendor_module',
    })
    assert.deepEqual(
      trail.map((entry) => entry.action),
      ['vendor_module.installed', 'vendor_module.disabled', 'vendor_module.enabled']
    )
  })

  test('the organisation stays pinned; upgrading asks consent again when scopes grow; uninstall ends the grant', async ({
    client,
    assert,
  }) => {
    const { admin, vendor, owner, organization } = await world(client)
    const first = await publishVersion(client, vendor, admin, 'acme-timesheets', '1.0.0')
    const installId = await installVersion(client, owner, organization, first)
    await publishVersion(client, vendor, admin, 'acme-timesheets', '1.1.0', {
      manifest: { scopes: ['contacts:read', 'contacts:write'] },
    })

    const installs = await client.get(orgUrl(organization.id, 'installs')).loginAs(owner)
    assert.containsSubset(installs.body().data, [
      { id: installId, version: '1.0.0', scopes: ['contacts:read'] },
    ])

    const refused = await client
      .post(orgUrl(organization.id, `installs/${installId}/upgrade`))
      .json({})
      .loginAs(owner)
      .withCsrfToken()
    refused.assertStatus(422)
    assert.containsSubset(refused.body().errors, [
      { code: 'E_CONSENT_REQUIRED', field: 'consentedScopes' },
    ])
    const upgraded = await client
      .post(orgUrl(organization.id, `installs/${installId}/upgrade`))
      .json({ consentedScopes: ['contacts:read', 'contacts:write'] })
      .loginAs(owner)
      .withCsrfToken()
    upgraded.assertStatus(200)
    assert.containsSubset(upgraded.body().install, {
      version: '1.1.0',
      scopes: ['contacts:read', 'contacts:write'],
    })

    const removed = await client
      .delete(orgUrl(organization.id, `installs/${installId}`))
      .loginAs(owner)
      .withCsrfToken()
    removed.assertStatus(204)
    const after = await client.get(`/api/v1/orgs/${organization.id}/modules`).loginAs(owner)
    assert.notInclude(
      after.body().data.map((module: { id: string }) => module.id),
      'acme-timesheets'
    )
  })

  test('staged roll-out offers a version to a share of organisations and named ones; roll-back moves installs back', async ({
    client,
    assert,
  }) => {
    const { admin, vendor, owner, organization } = await world(client)
    const first = await publishVersion(client, vendor, admin, 'acme-timesheets', '1.0.0')
    const installId = await installVersion(client, owner, organization, first)
    const second = await publishVersion(client, vendor, admin, 'acme-timesheets', '1.1.0')

    const staged = await client
      .put(`/api/v1/admin/marketplace/versions/${second}/rollout`)
      .json({ percent: 0, organizations: [] })
      .loginAs(admin)
      .withCsrfToken()
    staged.assertStatus(200)
    const notOffered = await client
      .post(orgUrl(organization.id, `installs/${installId}/upgrade`))
      .json({})
      .loginAs(owner)
      .withCsrfToken()
    assert.equal(notOffered.body().install.version, '1.0.0')
    const page = await client.get(orgUrl(organization.id, 'modules/acme-timesheets')).loginAs(owner)
    assert.deepEqual(
      page.body().module.versions.map((version: { version: string }) => version.version),
      ['1.0.0']
    )

    await client
      .put(`/api/v1/admin/marketplace/versions/${second}/rollout`)
      .json({ percent: 0, organizations: [organization.id] })
      .loginAs(admin)
      .withCsrfToken()
    const upgraded = await client
      .post(orgUrl(organization.id, `installs/${installId}/upgrade`))
      .json({})
      .loginAs(owner)
      .withCsrfToken()
    assert.equal(upgraded.body().install.version, '1.1.0')

    const rolledBack = await client
      .post(`/api/v1/admin/marketplace/versions/${second}/rollback`)
      .loginAs(admin)
      .withCsrfToken()
    rolledBack.assertStatus(200)
    assert.equal(rolledBack.body().movedInstalls, 1)
    const installs = await client.get(orgUrl(organization.id, 'installs')).loginAs(owner)
    assert.equal(installs.body().data[0].version, '1.0.0')
    ;(await client.get('/marketplace/files/acme-timesheets/1.1.0/remoteEntry.js')).assertStatus(404)
  })

  test('a version not approved, or of a rejected vendor, is offered to nobody', async ({
    client,
    assert,
  }) => {
    const { admin, vendor, owner, organization } = await world(client)
    const submitted = await publishVersion(client, vendor, admin, 'acme-timesheets', '1.0.0', {
      approve: false,
    })
    const refused = await client
      .post(orgUrl(organization.id, 'installs'))
      .json({ versionId: submitted, consentedScopes: ['contacts:read'] })
      .loginAs(owner)
      .withCsrfToken()
    refused.assertStatus(422)
    assert.containsSubset(refused.body().errors, [
      { code: 'E_VERSION_NOT_OFFERED', field: 'versionId' },
    ])
    await client
      .post(`/api/v1/admin/marketplace/versions/${submitted}/review`)
      .json({ decision: 'approve' })
      .loginAs(admin)
      .withCsrfToken()
    await client
      .post(`/api/v1/admin/marketplace/vendors/${vendor.vendorId}/review`)
      .json({ decision: 'reject', reason: 'Fraude' })
      .loginAs(admin)
      .withCsrfToken()
    const catalogue = await client.get(orgUrl(organization.id, 'modules')).loginAs(owner)
    assert.deepEqual(catalogue.body().data, [])
    assert.equal(Number((await db.from('marketplace.installs').count('* as total'))[0].total), 0)
  })
})
