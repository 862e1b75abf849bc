import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import User from '../../../app/models/user.ts'
import { createUser } from '../../helpers.ts'

test.group('Auth / sign-up', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creates the account, signs the user in and hashes the password', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/api/v1/auth/sign-up')
      .json({ fullName: 'Amani Kabila', email: 'Amani@Example.cd', password: 'motdepasse-solide' })
      .withCsrfToken()
    response.assertStatus(201)
    assert.equal(response.body().user.email, 'amani@example.cd')
    const user = await User.findByEmail('amani@example.cd')
    assert.notEqual(user!.password, 'motdepasse-solide')
    assert.isTrue(await user!.verifyPassword('motdepasse-solide'))
  })

  test('answers 422 per field, in the language asked for', async ({ client, assert }) => {
    const response = await client
      .post('/api/v1/auth/sign-up')
      .header('accept-language', 'en')
      .json({ fullName: 'A', email: 'not-an-email', password: 'short' })
      .withCsrfToken()
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.sameMembers(fields, ['fullName', 'email', 'password'])
    assert.equal(
      response.body().errors.find((e: { field: string }) => e.field === 'email').message,
      'Enter a valid email address.'
    )
  })

  test('refuses an email already used, whatever its case', async ({ client }) => {
    await createUser({ email: 'taken@example.cd' })
    const response = await client
      .post('/api/v1/auth/sign-up')
      .json({ fullName: 'Autre', email: 'TAKEN@example.cd', password: 'motdepasse-solide' })
      .withCsrfToken()
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_EMAIL_TAKEN', field: 'email' }] })
  })

  test('refuses a write without the CSRF token', async ({ client }) => {
    const response = await client
      .post('/api/v1/auth/sign-up')
      .json({ fullName: 'Amani Kabila', email: 'csrf@example.cd', password: 'motdepasse-solide' })
    response.assertStatus(403)
  })
})
