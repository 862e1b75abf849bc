import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditEntry from '../../../app/models/audit_entry.ts'
import { addMember, createOwnerWithOrganization, createUser } from '../../helpers.ts'

test.group('Organisations / modules (with the real contacts module)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the catalogue lists the optional modules with their state, never the platform', async ({ client, assert }) => {
    const { organization } = await createOwnerWithOrganization()
    const member = await createUser()
    await addMember(organization, member, 'member')
    const response = await client.get(`/api/v1/orgs/${organization.id}/modules`).loginAs(member)
    response.assertStatus(200)
    const ids = response.body().data.map((module: { id: string }) => module.id)
    assert.include(ids, 'contacts')
    assert.notInclude(ids, 'platform')
    assert.containsSubset(response.body().data.find((module: { id: string }) => module.id === 'contacts'), {
      name: { fr: 'Contacts', en: 'Contacts' },
      enabled: false,
      enabledAt: null,
      depends: [],
    })
  })

  test("an admin enables and disables contacts; its routes answer 404 while it is disabled", async ({ client, assert }) => {
    const { organization } = await createOwnerWithOrganization()
    const admin = await createUser()
    await addMember(organization, admin, 'admin')
    const before = await client.get(`/api/v1/orgs/${organization.id}/contacts`).loginAs(admin)
    before.assertStatus(404)

    const enabled = await client.post(`/api/v1/orgs/${organization.id}/modules/contacts/enable`).loginAs(admin).withCsrfToken()
    enabled.assertStatus(200)
    assert.containsSubset(enabled.body().module, { id: 'contacts', enabled: true })
    ;(await client.get(`/api/v1/orgs/${organization.id}/contacts`).loginAs(admin)).assertStatus(200)

    const manifest = await client.get(`/api/v1/orgs/${organization.id}/shell-manifest`).loginAs(admin)
    manifest.assertStatus(200)
    for (const module of manifest.body().modules) {
      assert.equal(module.id, 'contacts')
      assert.equal(module.remote.entry, '/remotes/contacts/remoteEntry.js')
      assert.match(module.remote.integrity['/remotes/contacts/remoteEntry.js'], /^sha(256|384|512)-/)
    }

    const disabled = await client.post(`/api/v1/orgs/${organization.id}/modules/contacts/disable`).loginAs(admin).withCsrfToken()
    disabled.assertStatus(200)
    assert.isFalse(disabled.body().module.enabled)
    ;(await client.get(`/api/v1/orgs/${organization.id}/contacts`).loginAs(admin)).assertStatus(404)
    assert.deepEqual((await client.get(`/api/v1/orgs/${organization.id}/shell-manifest`).loginAs(admin)).body(), { modules: [] })

    const audit = await AuditEntry.query().where({ organizationId: organization.id, subjectType: 'module' }).orderBy('id', 'asc')
    assert.deepEqual(audit.map((entry) => [entry.action, entry.subjectId, entry.actorId]), [
      ['module.enabled', 'contacts', admin.id],
      ['module.disabled', 'contacts', admin.id],
    ])
  })

  test('a member cannot enable or disable modules (403)', async ({ client }) => {
    const { organization } = await createOwnerWithOrganization()
    const member = await createUser()
    await addMember(organization, member, 'member')
    ;(await client.post(`/api/v1/orgs/${organization.id}/modules/contacts/enable`).loginAs(member).withCsrfToken()).assertStatus(403)
    ;(await client.post(`/api/v1/orgs/${organization.id}/modules/contacts/disable`).loginAs(member).withCsrfToken()).assertStatus(403)
  })

  test('an unknown module and the platform itself are 404', async ({ client }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    for (const id of ['inexistant', 'platform']) {
      const response = await client.post(`/api/v1/orgs/${organization.id}/modules/${id}/enable`).loginAs(owner).withCsrfToken()
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_MODULE_NOT_FOUND' }] })
    }
  })
})
