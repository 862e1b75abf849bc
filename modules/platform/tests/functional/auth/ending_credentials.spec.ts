import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type User from '../../../app/models/user.ts'
import {
  auditTrail,
  createOwnerWithOrganization,
  createUser,
  TEST_PASSWORD,
} from '../../helpers.ts'
import { BrowserClient } from '../../browser_client.ts'

const NEW_PASSWORD = 'un-nouveau-mot-de-passe'

/** A user signed in on two browsers, with two personal access tokens. */
async function userWithCredentials(user?: User) {
  const account = user ?? (await createUser())
  const laptop = BrowserClient.forTestServer()
  const phone = BrowserClient.forTestServer()
  await laptop.signIn(account.email, TEST_PASSWORD)
  await phone.signIn(account.email, TEST_PASSWORD)
  const tokens = []
  for (const name of ['Comptabilité', 'Script de sauvegarde']) {
    const created = await laptop.send('POST', '/api/v1/auth/tokens', { name })
    tokens.push({ id: created.body.token.id as string, value: created.body.token.value as string })
  }
  return { user: account, laptop, phone, tokens }
}

/** The status /auth/me answers with a Bearer token. */
async function bearerStatus(value: string) {
  const response = await fetch(`${BrowserClient.forTestServer().baseUrl}/api/v1/auth/me`, {
    headers: { authorization: `Bearer ${value}` },
  })
  return response.status
}

test.group('Auth / ending sessions and access tokens', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a password change ends the other sessions and, by default, every access token; this session stays', async ({
    assert,
  }) => {
    const { user, laptop, phone, tokens } = await userWithCredentials()
    const changed = await laptop.send('POST', '/api/v1/auth/password', {
      currentPassword: TEST_PASSWORD,
      password: NEW_PASSWORD,
    })
    assert.equal(changed.status, 204)
    assert.equal((await laptop.get('/api/v1/auth/me')).status, 200)
    assert.equal((await phone.get('/api/v1/auth/me')).status, 401)
    for (const token of tokens) assert.equal(await bearerStatus(token.value), 401)
    assert.deepEqual(
      (await laptop.get('/api/v1/auth/tokens')).body.data,
      [],
      'the profile page shows no token left'
    )

    const again = BrowserClient.forTestServer()
    assert.equal((await again.signIn(user.email, TEST_PASSWORD)).status, 400)
    assert.equal((await again.signIn(user.email, NEW_PASSWORD)).status, 200)
  })

  test('a password change with the box unticked ends the other sessions and keeps the access tokens', async ({
    assert,
  }) => {
    const { laptop, phone, tokens } = await userWithCredentials()
    const changed = await laptop.send('POST', '/api/v1/auth/password', {
      currentPassword: TEST_PASSWORD,
      password: NEW_PASSWORD,
      revokeAccessTokens: false,
    })
    assert.equal(changed.status, 204)
    assert.equal((await phone.get('/api/v1/auth/me')).status, 401)
    for (const token of tokens) assert.equal(await bearerStatus(token.value), 200)
    const listed = (await laptop.get('/api/v1/auth/tokens')).body.data.map(
      (token: { id: string }) => token.id
    )
    assert.sameMembers(
      listed,
      tokens.map((token) => token.id)
    )
  })

  test('a password change made with an access token keeps that token and ends the rest', async ({
    client,
    assert,
  }) => {
    const { laptop, tokens } = await userWithCredentials()
    const [kept, other] = tokens
    const changed = await client
      .post('/api/v1/auth/password')
      .bearerToken(kept.value)
      .json({ currentPassword: TEST_PASSWORD, password: NEW_PASSWORD })
    changed.assertStatus(204)
    assert.equal(await bearerStatus(kept.value), 200)
    assert.equal(await bearerStatus(other.value), 401)
    assert.equal((await laptop.get('/api/v1/auth/me')).status, 401, 'every browser session ended')
  })

  test('"sign out of my other sessions" ends them and, by default, the access tokens; it is audited', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const { laptop, phone, tokens } = await userWithCredentials(owner)
    const ended = await laptop.send('POST', '/api/v1/auth/sessions/end-others', {})
    assert.equal(ended.status, 204)
    assert.equal((await laptop.get('/api/v1/auth/me')).status, 200)
    assert.equal((await phone.get('/api/v1/auth/me')).status, 401)
    for (const token of tokens) assert.equal(await bearerStatus(token.value), 401)
    const [entry] = await auditTrail({
      organizationId: organization.id,
      action: 'auth.other_sessions_ended',
    })
    assert.deepEqual(entry.metadata, { revokeAccessTokens: true })
  })

  test('"sign out of my other sessions" with the box unticked keeps the access tokens', async ({
    assert,
  }) => {
    const { laptop, phone, tokens } = await userWithCredentials()
    const ended = await laptop.send('POST', '/api/v1/auth/sessions/end-others', {
      revokeAccessTokens: false,
    })
    assert.equal(ended.status, 204)
    assert.equal((await phone.get('/api/v1/auth/me')).status, 401)
    for (const token of tokens) assert.equal(await bearerStatus(token.value), 200)
    assert.lengthOf((await laptop.get('/api/v1/auth/tokens')).body.data, 2)
  })

  test('another user keeps their sessions and tokens', async ({ assert }) => {
    const mine = await userWithCredentials()
    const theirs = await userWithCredentials()
    await mine.laptop.send('POST', '/api/v1/auth/password', {
      currentPassword: TEST_PASSWORD,
      password: NEW_PASSWORD,
    })
    await mine.laptop.send('POST', '/api/v1/auth/sessions/end-others', {})
    assert.equal((await theirs.phone.get('/api/v1/auth/me')).status, 200)
    for (const token of theirs.tokens) assert.equal(await bearerStatus(token.value), 200)
  })
})
