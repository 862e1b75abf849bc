import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { accessCache } from '../../../app/services/access_cache.ts'
import { userAccounts } from '../../../app/services/user_accounts.ts'
import {
  addMember,
  createOwnerWithOrganization,
  createUser,
  TEST_PASSWORD,
  type Membership,
} from '../../helpers.ts'

/**
 * The web process keeps tokens, users and memberships in memory (the access cache); these tests run with it on,
 * as the web process does. Each first shows that an entry is served from memory (a change made behind the
 * application's back, straight in the database, is not seen), then that the same change made the product's way
 * applies to the very next request.
 */
test.group('Auth / access cache', (group) => {
  group.setup(async () => {
    await accessCache.enable()
    return () => accessCache.disable()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  /** A token of `member` (an admin of the organisation to begin with) and the owner who manages them. */
  async function adminWithToken(client: any) {
    const { owner, organization } = await createOwnerWithOrganization()
    const admin = await createUser()
    const membership = await addMember(organization, admin, 'admin')
    const created = await client
      .post('/api/v1/auth/tokens')
      .loginAs(admin)
      .json({ name: 'CLI' })
      .withCsrfToken()
    const token = created.body().token as { id: string; value: string }
    return { owner, organization, admin, membership, token }
  }

  /** Changes a membership's role behind the application's back: the cache cannot know. */
  const setRoleDirectly = (membership: Membership, role: string) =>
    db.from('platform.memberships').where('id', membership.id).update({ role })

  test('a role lowered through the API applies to the next request; the membership was served from memory until then', async ({
    client,
  }) => {
    const { owner, organization, membership, token } = await adminWithToken(client)
    const auditLog = () =>
      client.get(`/api/v1/orgs/${organization.id}/audit-log`).bearerToken(token.value)
    ;(await auditLog()).assertStatus(200)

    await setRoleDirectly(membership, 'member')
    ;(await auditLog()).assertStatus(200)
    await setRoleDirectly(membership, 'admin')

    const lowered = await client
      .patch(`/api/v1/orgs/${organization.id}/members/${membership.id}`)
      .loginAs(owner)
      .json({ role: 'member' })
      .withCsrfToken()
    lowered.assertStatus(200)
    ;(await auditLog()).assertStatus(403)
  })

  test('a member removed through the API finds the organisation gone at their next request', async ({
    client,
  }) => {
    const { owner, organization, membership, token } = await adminWithToken(client)
    const show = () => client.get(`/api/v1/orgs/${organization.id}`).bearerToken(token.value)
    ;(await show()).assertStatus(200)
    ;(
      await client
        .delete(`/api/v1/orgs/${organization.id}/members/${membership.id}`)
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(204)
    ;(await show()).assertStatus(404)
  })

  test('ownership handed over applies to both members at their next request', async ({
    client,
  }) => {
    const { owner, organization, membership, token } = await adminWithToken(client)
    const ownerToken = (
      await client.post('/api/v1/auth/tokens').loginAs(owner).json({ name: 'CLI' }).withCsrfToken()
    ).body().token.value
    const transfer = (bearer: string, memberId: string) =>
      client
        .post(`/api/v1/orgs/${organization.id}/transfer-ownership`)
        .bearerToken(bearer)
        .json({ memberId })
    ;(await transfer(token.value, membership.id)).assertStatus(403)
    ;(await transfer(ownerToken, membership.id)).assertStatus(204)
    const ownerMembership = await db
      .from('platform.memberships')
      .where({ organization_id: organization.id, user_id: owner.id })
      .firstOrFail()
    ;(await transfer(ownerToken, ownerMembership.id)).assertStatus(403)
    ;(await transfer(token.value, ownerMembership.id)).assertStatus(204)
  })

  test('a revoked token is refused at its next request, though served from memory until then', async ({
    client,
    assert,
  }) => {
    const { admin, token } = await adminWithToken(client)
    const me = () => client.get('/api/v1/auth/me').bearerToken(token.value)
    ;(await me()).assertStatus(200)

    await db.from('platform.users').where('id', admin.id).update({ full_name: 'Changed Behind' })
    assert.notEqual((await me()).body().user.fullName, 'Changed Behind')

    ;(
      await client.delete(`/api/v1/auth/tokens/${token.id}`).loginAs(admin).withCsrfToken()
    ).assertStatus(204)
    ;(await me()).assertStatus(401)
  })

  test('a password change ends the other tokens at their next request', async ({ client }) => {
    const { admin, token } = await adminWithToken(client)
    ;(await client.get('/api/v1/auth/me').bearerToken(token.value)).assertStatus(200)
    const changed = await client
      .post('/api/v1/auth/password')
      .loginAs(admin)
      .json({
        currentPassword: TEST_PASSWORD,
        password: 'un-autre-mot-de-passe',
        revokeAccessTokens: true,
      })
      .withCsrfToken()
    changed.assertStatus(204)
    ;(await client.get('/api/v1/auth/me').bearerToken(token.value)).assertStatus(401)
  })

  test('a disabled account is refused at its next request, with a token and with a session', async ({
    client,
  }) => {
    const { admin, token } = await adminWithToken(client)
    ;(await client.get('/api/v1/auth/me').bearerToken(token.value)).assertStatus(200)
    ;(await client.get('/api/v1/auth/me').loginAs(admin)).assertStatus(200)
    await userAccounts.disable(admin, 'test')
    ;(await client.get('/api/v1/auth/me').bearerToken(token.value)).assertStatus(401)
    ;(await client.get('/api/v1/auth/me').loginAs(admin)).assertStatus(401)
  })

  test("a session's user is served from memory until the user changes", async ({
    client,
    assert,
  }) => {
    const user = await createUser({ locale: 'fr' })
    const me = () => client.get('/api/v1/auth/me').loginAs(user)
    ;(await me()).assertStatus(200)
    await db.from('platform.users').where('id', user.id).update({ full_name: 'Changed Behind' })
    assert.notEqual((await me()).body().user.fullName, 'Changed Behind')

    ;(
      await client
        .patch('/api/v1/auth/me')
        .loginAs(user)
        .json({ fullName: 'Nouveau Nom' })
        .withCsrfToken()
    ).assertStatus(200)
    assert.equal((await me()).body().user.fullName, 'Nouveau Nom')
  })

  test('an organisation renamed through the API is seen at the next request', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const show = async () =>
      (await client.get(`/api/v1/orgs/${organization.id}`).loginAs(owner)).body()
    await show()
    ;(
      await client
        .patch(`/api/v1/orgs/${organization.id}`)
        .loginAs(owner)
        .json({ name: 'Nouveau Nom SARL' })
        .withCsrfToken()
    ).assertStatus(200)
    assert.equal((await show()).organization.name, 'Nouveau Nom SARL')
  })
})
