import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import {
  addMember,
  createOwnerWithOrganization,
  createUser,
  enableModule,
} from '@ia/platform/testing'
import {
  approvedVendor,
  installVersion,
  makePlatformAdmin,
  publishVersion,
  useMarketplaceKey,
} from '../../helpers.ts'

test.group('Marketplace / access and releases', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => (await useMarketplaceKey()).restore)

  test('the access says whether the user reviews and which vendor profile they hold', async ({
    client,
    assert,
  }) => {
    const admin = await makePlatformAdmin(await createUser())
    const member = await createUser()
    const nobody = await client.get('/api/v1/marketplace/access').loginAs(member)
    nobody.assertStatus(200)
    assert.deepEqual(nobody.body(), { platformAdmin: false, vendor: null })

    await approvedVendor(client, member, admin)
    const vendor = await client.get('/api/v1/marketplace/access').loginAs(member)
    assert.isFalse(vendor.body().platformAdmin)
    assert.containsSubset(vendor.body().vendor, { prefix: 'acme', status: 'approved' })
    assert.lengthOf(vendor.body().vendor.keys, 1)

    const reviewer = await client.get('/api/v1/marketplace/access').loginAs(admin)
    assert.deepEqual(reviewer.body(), { platformAdmin: true, vendor: null })

    const signedOut = await client.get('/api/v1/marketplace/access')
    signedOut.assertStatus(401)
  })

  test('releases list approved versions with roll-out, vendor and installs; 404 to anyone else', async ({
    client,
    assert,
  }) => {
    const admin = await makePlatformAdmin(await createUser())
    const vendorUser = await createUser()
    const vendor = { user: vendorUser, ...(await approvedVendor(client, vendorUser, admin)) }
    const first = await publishVersion(client, vendor, admin, 'acme-timesheets', '1.0.0')
    await publishVersion(client, vendor, admin, 'acme-timesheets', '1.1.0', { approve: false })
    const { owner, organization } = await createOwnerWithOrganization('Brasserie du Fleuve')
    await enableModule(organization, 'marketplace', owner)
    await installVersion(client, owner, organization, first)

    const releases = await client.get('/api/v1/admin/marketplace/releases').loginAs(admin)
    releases.assertStatus(200)
    assert.lengthOf(releases.body().data, 1)
    assert.containsSubset(releases.body().data[0], {
      version: { id: first, moduleId: 'acme-timesheets', version: '1.0.0', rolloutPercent: 100 },
      name: { fr: 'Feuilles de temps', en: 'Timesheets' },
      vendor: { id: vendor.vendorId, audited: false },
      installs: 1,
    })

    const refused = await client.get('/api/v1/admin/marketplace/releases').loginAs(owner)
    refused.assertStatus(404)
  })

  test("the scopes are listed in the order of the consent screen, in the reader's language", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization('Brasserie du Fleuve')
    await enableModule(organization, 'marketplace', owner)
    const url = `/api/v1/orgs/${organization.id}/marketplace/scopes`
    const fr = await client.get(url).loginAs(owner)
    fr.assertStatus(200)
    assert.deepEqual(
      fr.body().data.map((row: { scope: string }) => row.scope),
      ['platform:read', 'contacts:read', 'contacts:write']
    )
    assert.equal(fr.body().data[1].description, 'Voir vos clients et fournisseurs.')
    const english = await createUser({ locale: 'en' })
    await addMember(organization, english, 'member')
    const en = await client.get(url).loginAs(english)
    assert.equal(en.body().data[1].description, 'See your customers and suppliers.')
  })
})
