import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '../../helpers.ts'

const path = '/api/v1/me/preferences/data-table.contacts.list.hidden-columns'

test.group('Me / preferences', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a saved preference is read back by the same user on any session, and replaced by the next save', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const unset = await client.get(path).loginAs(user)
    unset.assertStatus(200)
    assert.deepEqual(unset.body(), {
      preference: { key: 'data-table.contacts.list.hidden-columns', value: null, updatedAt: null },
    })

    const saved = await client
      .put(path)
      .loginAs(user)
      .json({ value: ['email', 'phone'] })
      .withCsrfToken()
    saved.assertStatus(200)
    assert.deepEqual(saved.body().preference.value, ['email', 'phone'])
    await client
      .put(path)
      .loginAs(user)
      .json({ value: { hidden: ['city'] } })
      .withCsrfToken()

    const read = await client.get(path).loginAs(user)
    assert.deepEqual(read.body().preference.value, { hidden: ['city'] })
    assert.isString(read.body().preference.updatedAt)
  })

  test("one user's preference is never another's", async ({ client, assert }) => {
    const [owner, other] = [await createUser(), await createUser()]
    await client
      .put(path)
      .loginAs(owner)
      .json({ value: ['email'] })
      .withCsrfToken()
    const read = await client.get(path).loginAs(other)
    assert.isNull(read.body().preference.value)
  })

  test('refuses a value over 8 KiB, a missing value and a malformed key in the user’s language, naming the field', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ locale: 'fr' })
    const large = await client
      .put(path)
      .loginAs(user)
      .json({ value: 'x'.repeat(9000) })
      .withCsrfToken()
    large.assertStatus(422)
    assert.deepEqual(large.body().errors, [
      {
        code: 'E_PREFERENCE_TOO_LARGE',
        field: 'value',
        message: 'Une préférence fait au plus 8192 octets.',
      },
    ])

    const missing = await client.put(path).loginAs(user).json({}).withCsrfToken()
    missing.assertStatus(422)
    assert.equal(missing.body().errors[0].field, 'value')

    const badKey = await client.get('/api/v1/me/preferences/a%20b').loginAs(user)
    badKey.assertStatus(422)
    assert.equal(badKey.body().errors[0].field, 'key')
  })

  test('is 401 without a session', async ({ client }) => {
    const response = await client.get(path)
    response.assertStatus(401)
  })
})
