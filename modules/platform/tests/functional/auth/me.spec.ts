import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUser } from '../../helpers.ts'

test.group('Auth / me', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the user's saved locale wins over Accept-Language once signed in", async ({
    client,
    assert,
  }) => {
    const user = await createUser({ locale: 'en' })
    const response = await client
      .patch('/api/v1/auth/me')
      .loginAs(user)
      .header('accept-language', 'fr')
      .json({ fullName: 'X' })
      .withCsrfToken()
    response.assertStatus(422)
    assert.equal(response.body().errors[0].message, 'Enter at least 2 characters.')

    const anonymous = await client
      .post('/api/v1/auth/sign-in')
      .header('accept-language', 'fr')
      .json({ email: 'x' })
      .withCsrfToken()
    assert.equal(
      anonymous.body().errors.find((e: { field: string }) => e.field === 'password').message,
      'Ce champ est obligatoire.'
    )
  })

  test('updates only the validated profile fields', async ({ client, assert }) => {
    const user = await createUser({ locale: 'fr' })
    const response = await client
      .patch('/api/v1/auth/me')
      .loginAs(user)
      .json({
        fullName: 'Nouveau Nom',
        locale: 'en',
        email: 'pirate@example.cd',
        id: 'x',
        emailVerifiedAt: '2020-01-01',
        __proto__: { admin: true },
      })
      .withCsrfToken()
    response.assertStatus(200)
    await user.refresh()
    assert.equal(user.fullName, 'Nouveau Nom')
    assert.equal(user.locale, 'en')
    assert.notEqual(user.email, 'pirate@example.cd')
    assert.isNull(user.emailVerifiedAt)
  })

  test('is 401 without a session', async ({ client }) => {
    const response = await client.get('/api/v1/auth/me')
    response.assertStatus(401)
  })
})
