import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { addMember, createOwnerWithOrganization, createUser, TEST_PASSWORD } from '../../helpers.ts'

test.group('Organisations / audit log', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('admins read the log newest first, paginated; members get 403', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const member = await createUser()
    const membership = await addMember(organization, member, 'member')
    await client
      .post('/api/v1/auth/sign-in')
      .json({ email: owner.email, password: 'faux-mot-de-passe' })
      .withCsrfToken()
    await client
      .post('/api/v1/auth/sign-in')
      .json({ email: owner.email, password: TEST_PASSWORD })
      .withCsrfToken()
    await client
      .patch(`/api/v1/orgs/${organization.id}/members/${membership.id}`)
      .loginAs(owner)
      .json({ role: 'admin' })
      .withCsrfToken()
    await client
      .delete(`/api/v1/orgs/${organization.id}/members/${membership.id}`)
      .loginAs(owner)
      .withCsrfToken()

    const response = await client
      .get(`/api/v1/orgs/${organization.id}/audit-log?page=1&perPage=2`)
      .loginAs(owner)
    response.assertStatus(200)
    assert.deepEqual(response.body().meta, { total: 4, perPage: 2, currentPage: 1, lastPage: 2 })
    assert.deepEqual(
      response.body().data.map((entry: { action: string }) => entry.action),
      ['member.removed', 'member.role_changed']
    )
    assert.deepEqual(response.body().data[0].actor, { id: owner.id, fullName: owner.fullName })
    const second = await client
      .get(`/api/v1/orgs/${organization.id}/audit-log?page=2&perPage=2`)
      .loginAs(owner)
    assert.deepEqual(
      second.body().data.map((entry: { action: string }) => entry.action),
      ['auth.signed_in', 'auth.sign_in_failed']
    )
    assert.deepEqual(
      response.body().data.map((entry: { label: string }) => entry.label),
      ['Membre retiré', 'Rôle modifié']
    )
    assert.deepInclude(response.body().data[0], {
      subjectType: 'user',
      subjectLabel: 'Utilisateur',
      subjectName: member.fullName,
    })
    owner.locale = 'en'
    await owner.save()
    const english = await client
      .get(`/api/v1/orgs/${organization.id}/audit-log?page=2&perPage=2`)
      .loginAs(owner)
    assert.deepEqual(
      english.body().data.map((entry: { label: string }) => entry.label),
      ['Signed in', 'Failed sign-in']
    )

    await addMember(organization, member, 'member')
    const forbidden = await client.get(`/api/v1/orgs/${organization.id}/audit-log`).loginAs(member)
    forbidden.assertStatus(403)
    const invalid = await client
      .get(`/api/v1/orgs/${organization.id}/audit-log?perPage=1000`)
      .loginAs(owner)
    invalid.assertStatus(422)
  })
})
