import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOwnerWithOrganization, createUser } from '../../helpers.ts'

test.group('Auth / personal access tokens', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a created token works as Bearer on /auth/me and on an org write without CSRF; deleted, it is 401', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const created = await client
      .post('/api/v1/auth/tokens')
      .loginAs(owner)
      .json({ name: 'Comptabilité', expiresInDays: 30 })
      .withCsrfToken()
    created.assertStatus(201)
    const { id, value } = created.body().token
    assert.match(value, /^ias_/)

    const me = await client.get('/api/v1/auth/me').bearerToken(value)
    me.assertStatus(200)
    assert.equal(me.body().user.id, owner.id)

    const renamed = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .bearerToken(value)
      .json({ name: 'Renommée par API' })
    renamed.assertStatus(200)
    assert.equal(renamed.body().organization.name, 'Renommée par API')

    const listed = await client.get('/api/v1/auth/tokens').loginAs(owner)
    assert.deepEqual(
      listed.body().data.map((token: { id: string }) => token.id),
      [id]
    )
    assert.notProperty(listed.body().data[0], 'value')

    const deleted = await client.delete(`/api/v1/auth/tokens/${id}`).loginAs(owner).withCsrfToken()
    deleted.assertStatus(204)
    const after = await client.get('/api/v1/auth/me').bearerToken(value)
    after.assertStatus(401)
  })

  test('a token cannot be deleted by someone else, and a malformed id is 404', async ({
    client,
  }) => {
    const owner = await createUser()
    const other = await createUser()
    const created = await client
      .post('/api/v1/auth/tokens')
      .loginAs(owner)
      .json({ name: 'CLI' })
      .withCsrfToken()
    const { id } = created.body().token
    const foreign = await client.delete(`/api/v1/auth/tokens/${id}`).loginAs(other).withCsrfToken()
    foreign.assertStatus(404)
    const malformed = await client.delete('/api/v1/auth/tokens/abc').loginAs(owner).withCsrfToken()
    malformed.assertStatus(404)
  })

  test('a bogus Bearer token is 401 even with a valid session', async ({ client }) => {
    const user = await createUser()
    const response = await client
      .get('/api/v1/auth/me')
      .loginAs(user)
      .bearerToken('ias_not-a-token')
    response.assertStatus(401)
  })
})
