import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditEntry from '../../../app/models/audit_entry.ts'
import { addMember, createOwnerWithOrganization, createUser } from '../../helpers.ts'

test.group('Organisations / modules (with the probe fixture module)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the catalogue lists the optional modules with their state, never the platform', async ({
    client,
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization()
    const member = await createUser()
    await addMember(organization, member, 'member')
    const response = await client.get(`/api/v1/orgs/${organization.id}/modules`).loginAs(member)
    response.assertStatus(200)
    const ids = response.body().data.map((module: { id: string }) => module.id)
    assert.include(ids, 'probe')
    assert.notInclude(ids, 'platform')
    assert.containsSubset(
      response.body().data.find((module: { id: string }) => module.id === 'probe'),
      {
        name: { fr: 'Sonde', en: 'Probe' },
        enabled: false,
        enabledAt: null,
        depends: [],
      }
    )
  })

  test('an admin enables and disables a module; its routes answer 404 while it is disabled', async ({
    client,
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization()
    const admin = await createUser()
    await addMember(organization, admin, 'admin')
    const note = (user: typeof admin) =>
      client
        .post(`/api/v1/orgs/${organization.id}/probe/notes`)
        .json({ text: 'Bonjour' })
        .loginAs(user)
        .withCsrfToken()
    const before = await note(admin)
    before.assertStatus(404)

    const enabled = await client
      .post(`/api/v1/orgs/${organization.id}/modules/probe/enable`)
      .loginAs(admin)
      .withCsrfToken()
    enabled.assertStatus(200)
    assert.containsSubset(enabled.body().module, { id: 'probe', enabled: true })
    ;(await note(admin)).assertStatus(201)

    const manifest = await client
      .get(`/api/v1/orgs/${organization.id}/shell-manifest`)
      .loginAs(admin)
    manifest.assertStatus(200)
    assert.deepEqual(manifest.body().modules, [
      {
        id: 'probe',
        version: '0.0.1',
        name: { fr: 'Sonde', en: 'Probe' },
        remote: {
          name: 'probe',
          entry: '/remotes/probe/remoteEntry.js',
          integrity: {
            '/remotes/probe/remoteEntry.js':
              'sha384-LV6CR/4kPXEIBJ2O78rgeR6Dhe/0QwH6N7rTBxSLLz/kjbSEgNXv2N/5V07w7bcy',
          },
        },
        routeBase: '/probe',
        navigation: [
          { path: '/probe', label: { fr: 'Sonde', en: 'Probe' }, permission: 'probe.note.read' },
        ],
        trust: 'first-party',
        signedHashList: null,
      },
    ])

    const disabled = await client
      .post(`/api/v1/orgs/${organization.id}/modules/probe/disable`)
      .loginAs(admin)
      .withCsrfToken()
    disabled.assertStatus(200)
    assert.isFalse(disabled.body().module.enabled)
    ;(await note(admin)).assertStatus(404)
    assert.deepEqual(
      (await client.get(`/api/v1/orgs/${organization.id}/shell-manifest`).loginAs(admin)).body(),
      { modules: [] }
    )

    const audit = await AuditEntry.query()
      .where({ organizationId: organization.id, subjectType: 'module' })
      .orderBy('id', 'asc')
    assert.deepEqual(
      audit.map((entry) => [entry.action, entry.subjectId, entry.actorId]),
      [
        ['module.enabled', 'probe', admin.id],
        ['module.disabled', 'probe', admin.id],
      ]
    )
  })

  test("a module's public page remote is served without an account, only for modules that declare one", async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/public/modules/probe/remote')
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      id: 'probe',
      version: '0.0.1',
      name: { fr: 'Sonde', en: 'Probe' },
      remote: {
        name: 'probe',
        entry: '/remotes/probe/remoteEntry.js',
        integrity: {
          '/remotes/probe/remoteEntry.js':
            'sha384-LV6CR/4kPXEIBJ2O78rgeR6Dhe/0QwH6N7rTBxSLLz/kjbSEgNXv2N/5V07w7bcy',
        },
      },
    })
    // The platform has no remote; an unknown id is not found either: nothing tells them apart.
    for (const moduleId of ['platform', 'nothing-here', '..%2Fetc']) {
      const missing = await client
        .get(`/api/v1/public/modules/${moduleId}/remote`)
        .header('accept-language', 'en')
      missing.assertStatus(404)
      assert.equal(missing.body().errors[0].code, 'E_MODULE_NOT_FOUND')
    }
  })

  test('a member cannot enable or disable modules (403)', async ({ client }) => {
    const { organization } = await createOwnerWithOrganization()
    const member = await createUser()
    await addMember(organization, member, 'member')
    ;(
      await client
        .post(`/api/v1/orgs/${organization.id}/modules/probe/enable`)
        .loginAs(member)
        .withCsrfToken()
    ).assertStatus(403)
    ;(
      await client
        .post(`/api/v1/orgs/${organization.id}/modules/probe/disable`)
        .loginAs(member)
        .withCsrfToken()
    ).assertStatus(403)
  })

  test('an unknown module and the platform itself are 404', async ({ client }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    for (const id of ['inexistant', 'platform']) {
      const response = await client
        .post(`/api/v1/orgs/${organization.id}/modules/${id}/enable`)
        .loginAs(owner)
        .withCsrfToken()
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_MODULE_NOT_FOUND' }] })
    }
  })
})
