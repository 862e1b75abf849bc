import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '../../helpers.ts'

const lastUsedOf = async (id: string) =>
  (await db.from('platform.auth_access_tokens').where('id', id).firstOrFail())
    .last_used_at as Date | null

test.group('Auth / access token verification', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('last use is written at the first call, not again within the minute, and again after it', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const created = await client
      .post('/api/v1/auth/tokens')
      .loginAs(user)
      .json({ name: 'CLI' })
      .withCsrfToken()
    const { id, value } = created.body().token
    assert.isNull(await lastUsedOf(id))

    ;(await client.get('/api/v1/auth/me').bearerToken(value)).assertStatus(200)
    const first = await lastUsedOf(id)
    assert.instanceOf(first, Date)
    ;(await client.get('/api/v1/auth/me').bearerToken(value)).assertStatus(200)
    assert.equal((await lastUsedOf(id))!.getTime(), first!.getTime())

    const twoMinutesAgo = new Date(Date.now() - 120_000)
    await db
      .from('platform.auth_access_tokens')
      .where('id', id)
      .update({ last_used_at: twoMinutesAgo })
    ;(await client.get('/api/v1/auth/me').bearerToken(value)).assertStatus(200)
    assert.isAbove((await lastUsedOf(id))!.getTime(), twoMinutesAgo.getTime())
  })

  test('a wrong secret for a real token id is 401 and is not recorded as a use', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const created = await client
      .post('/api/v1/auth/tokens')
      .loginAs(user)
      .json({ name: 'CLI' })
      .withCsrfToken()
    const { id, value } = created.body().token as { id: string; value: string }
    const forged = value.slice(0, -4) + (value.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    ;(await client.get('/api/v1/auth/me').bearerToken(forged)).assertStatus(401)
    assert.isNull(await lastUsedOf(id))
  })

  test("the token's user is the one answered, disabled accounts included", async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const other = await createUser()
    const { value } = (
      await client.post('/api/v1/auth/tokens').loginAs(user).json({ name: 'CLI' }).withCsrfToken()
    ).body().token
    const me = await client.get('/api/v1/auth/me').bearerToken(value)
    assert.equal(me.body().user.id, user.id)
    assert.notEqual(me.body().user.id, other.id)
    await db.from('platform.users').where('id', user.id).update({ disabled_at: new Date() })
    ;(await client.get('/api/v1/auth/me').bearerToken(value)).assertStatus(401)
  })
})
