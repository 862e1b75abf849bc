import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import {
  addMember,
  auditTrail,
  createOrganization,
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

/** An organisation with Contacts and an installed vendor module granted `contacts:read`, and a member who is also in a second organisation. */
async function world(client: Parameters<typeof approvedVendor>[0]) {
  const admin = await makePlatformAdmin(await createUser())
  const vendorUser = await createUser()
  const vendor = { user: vendorUser, ...(await approvedVendor(client, vendorUser, admin)) }
  const versionId = await publishVersion(client, vendor, admin, 'acme-timesheets', '1.0.0')
  const { owner, organization } = await createOwnerWithOrganization()
  await enableModule(organization, 'marketplace', owner)
  await enableModule(organization, 'contacts', owner)
  const installId = await installVersion(client, owner, organization, versionId)
  const member = await createUser()
  await addMember(organization, member, 'member')
  const elsewhere = await createOrganization(member, 'Autre organisation du membre')
  await enableModule(elsewhere, 'contacts', member)
  return { owner, organization, installId, member, elsewhere }
}

test.group('Marketplace / scoped tokens and API keys', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => (await useMarketplaceKey()).restore)

  test("a vendor module's token reads what was granted, and gets 403 outside its scopes and 404 outside its organisation", async ({
    client,
    assert,
  }) => {
    const { owner, organization, installId, member, elsewhere } = await world(client)
    /** The organisation's contacts as its owner counts them (through Contacts' API, whose tables are its own). */
    const contactCount = async () =>
      (await client.get(`/api/v1/orgs/${organization.id}/contacts`).loginAs(owner)).body().meta
        .total as number
    const issued = await client
      .post(`/api/v1/orgs/${organization.id}/marketplace/installs/${installId}/token`)
      .loginAs(member)
      .withCsrfToken()
    issued.assertStatus(200)
    assert.containsSubset(issued.body().token, {
      moduleId: 'acme-timesheets',
      scopes: ['contacts:read'],
    })
    assert.isAbove(new Date(issued.body().token.expiresAt).getTime(), Date.now() + 14 * 60_000)
    const token = issued.body().token.token as string
    const bearer = <Request extends { header(name: string, value: string): Request }>(
      request: Request
    ) => request.header('authorization', `Bearer ${token}`)

    ;(await bearer(client.get(`/api/v1/orgs/${organization.id}/contacts`))).assertStatus(200)
    const before = await contactCount()
    const write = await bearer(client.post(`/api/v1/orgs/${organization.id}/contacts`)).json({
      kind: 'company',
      name: 'Écrite par le module',
    })
    write.assertStatus(403)
    assert.containsSubset(write.body().errors, [{ code: 'E_SCOPE_DENIED' }])
    assert.equal(await contactCount(), before)
    for (const url of [
      `/api/v1/orgs/${organization.id}/modules`,
      `/api/v1/orgs/${organization.id}/members`,
      '/api/v1/auth/me',
      '/api/v1/auth/tokens',
    ]) {
      ;(await bearer(client.get(url))).assertStatus(403)
    }
    ;(await bearer(client.get(`/api/v1/orgs/${elsewhere.id}/contacts`))).assertStatus(404)
    ;(
      await bearer(client.post(`/api/v1/orgs/${organization.id}/marketplace/api-keys`)).json({
        name: 'x',
        scopes: ['contacts:write'],
      })
    ).assertStatus(403)
  })

  test('disabling or uninstalling the module ends its tokens', async ({ client }) => {
    const { owner, organization, installId, member } = await world(client)
    const issue = async () =>
      (
        await client
          .post(`/api/v1/orgs/${organization.id}/marketplace/installs/${installId}/token`)
          .loginAs(member)
          .withCsrfToken()
      ).body().token.token as string
    const token = await issue()
    await client
      .post(`/api/v1/orgs/${organization.id}/marketplace/installs/${installId}/disable`)
      .loginAs(owner)
      .withCsrfToken()
    ;(
      await client
        .get(`/api/v1/orgs/${organization.id}/contacts`)
        .header('authorization', `Bearer ${token}`)
    ).assertStatus(401)
    ;(
      await client
        .post(`/api/v1/orgs/${organization.id}/marketplace/installs/${installId}/token`)
        .loginAs(member)
        .withCsrfToken()
    ).assertStatus(404)
    await client
      .post(`/api/v1/orgs/${organization.id}/marketplace/installs/${installId}/enable`)
      .loginAs(owner)
      .withCsrfToken()
    const second = await issue()
    await client
      .delete(`/api/v1/orgs/${organization.id}/marketplace/installs/${installId}`)
      .loginAs(owner)
      .withCsrfToken()
    ;(
      await client
        .get(`/api/v1/orgs/${organization.id}/contacts`)
        .header('authorization', `Bearer ${second}`)
    ).assertStatus(401)
  })

  test('a tenant admin creates a scoped API key, sees when it was last used, and revokes it', async ({
    client,
    assert,
  }) => {
    const { owner, organization, member } = await world(client)
    ;(
      await client
        .post(`/api/v1/orgs/${organization.id}/marketplace/api-keys`)
        .json({ name: 'Compta', scopes: ['contacts:read'] })
        .loginAs(member)
        .withCsrfToken()
    ).assertStatus(403)
    const unknown = await client
      .post(`/api/v1/orgs/${organization.id}/marketplace/api-keys`)
      .json({ name: 'Compta', scopes: ['bank:transfer'] })
      .loginAs(owner)
      .withCsrfToken()
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].field, 'scopes.0')

    const created = await client
      .post(`/api/v1/orgs/${organization.id}/marketplace/api-keys`)
      .json({ name: 'Compta', scopes: ['contacts:read', 'contacts:write'] })
      .loginAs(owner)
      .withCsrfToken()
    created.assertStatus(201)
    const { apiKey, token } = created.body()
    assert.isNull(apiKey.lastUsedAt)
    const made = await client
      .post(`/api/v1/orgs/${organization.id}/contacts`)
      .header('authorization', `Bearer ${token}`)
      .json({ kind: 'company', name: 'Par intégration' })
    made.assertStatus(201)
    const listed = await client
      .get(`/api/v1/orgs/${organization.id}/marketplace/api-keys`)
      .loginAs(owner)
    assert.isNotNull(listed.body().data[0].lastUsedAt)
    const personal = await client.get('/api/v1/auth/tokens').loginAs(owner)
    assert.deepEqual(personal.body().data, [], 'scoped tokens are not personal tokens')

    const revoked = await client
      .post(`/api/v1/orgs/${organization.id}/marketplace/api-keys/${apiKey.id}/revoke`)
      .loginAs(owner)
      .withCsrfToken()
    revoked.assertStatus(200)
    assert.isNotNull(revoked.body().apiKey.revokedAt)
    ;(
      await client
        .get(`/api/v1/orgs/${organization.id}/contacts`)
        .header('authorization', `Bearer ${token}`)
    ).assertStatus(401)
    const trail = await auditTrail({ organization_id: organization.id, subject_type: 'api_key' })
    assert.deepEqual(
      trail.map((entry) => entry.action),
      ['api_key.created', 'api_key.revoked']
    )
  })
})
