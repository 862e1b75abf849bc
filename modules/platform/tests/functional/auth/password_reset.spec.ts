import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import User from '../../../app/models/user.ts'
import { createUser, runQueuedJobs, TEST_PASSWORD, tokenSentTo } from '../../helpers.ts'
import { BrowserClient } from '../../browser_client.ts'

test.group('Auth / forgotten password and email verification', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('answers 202 to an unknown email and sends nothing', async ({ client, assert }) => {
    const mails = mail.fake()
    const response = await client
      .post('/api/v1/auth/forgot-password')
      .json({ email: 'personne@example.cd' })
      .withCsrfToken()
    response.assertStatus(202)
    await runQueuedJobs()
    assert.lengthOf(mails.messages.sent(), 0)
  })

  test('emails a link whose token resets the password once; the second use is 400', async ({
    client,
    assert,
  }) => {
    const mails = mail.fake()
    const user = await createUser({ locale: 'en' })
    const browser = BrowserClient.forTestServer()
    await browser.signIn(user.email, TEST_PASSWORD)

    const asked = await client
      .post('/api/v1/auth/forgot-password')
      .json({ email: user.email.toUpperCase() })
      .withCsrfToken()
    asked.assertStatus(202)
    await runQueuedJobs()
    const message = mails.messages.sent().find((sent) => sent.hasTo(user.email))!
    assert.equal(message.toJSON().message.subject, 'Reset your password')
    const token = tokenSentTo(mails, user.email, '/reset-password')

    const reset = await client
      .post('/api/v1/auth/reset-password')
      .json({ token, password: 'un-nouveau-mot-de-passe' })
      .withCsrfToken()
    reset.assertStatus(204)
    await user.refresh()
    assert.isTrue(await user.verifyPassword('un-nouveau-mot-de-passe'))
    assert.equal((await browser.get('/api/v1/auth/me')).status, 401, 'a reset ends every session')

    const reused = await client
      .post('/api/v1/auth/reset-password')
      .json({ token, password: 'encore-un-autre-mot' })
      .withCsrfToken()
    reused.assertStatus(400)
    reused.assertBodyContains({ errors: [{ code: 'E_INVALID_TOKEN', field: 'token' }] })
  })

  test('a password reset revokes every access token, of a verified account or not, and verifies the address', async ({
    client,
    assert,
  }) => {
    const mails = mail.fake()
    const squatted = await createUser()
    assert.notExists(squatted.emailVerifiedAt)
    const squatterToken = (await User.accessTokens.create(squatted)).value!.release()
    const verified = await createUser()
    verified.emailVerifiedAt = DateTime.now()
    await verified.save()
    const ownToken = (await User.accessTokens.create(verified)).value!.release()

    for (const user of [squatted, verified]) {
      await client.post('/api/v1/auth/forgot-password').json({ email: user.email }).withCsrfToken()
    }
    await runQueuedJobs()
    for (const user of [squatted, verified]) {
      const token = tokenSentTo(mails, user.email, '/reset-password')
      const reset = await client
        .post('/api/v1/auth/reset-password')
        .json({ token, password: 'un-nouveau-mot-de-passe' })
        .withCsrfToken()
      reset.assertStatus(204)
    }

    ;(await client.get('/api/v1/auth/me').bearerToken(squatterToken)).assertStatus(401)
    ;(await client.get('/api/v1/auth/me').bearerToken(ownToken)).assertStatus(401)
    await squatted.refresh()
    assert.isNotNull(squatted.emailVerifiedAt)
  })

  test('a forged token is 400', async ({ client }) => {
    const response = await client
      .post('/api/v1/auth/reset-password')
      .json({ token: 'invente', password: 'un-nouveau-mot-de-passe' })
      .withCsrfToken()
    response.assertStatus(400)
  })

  test('sign-up emails a verification link that verifies the address once', async ({
    client,
    assert,
  }) => {
    const mails = mail.fake()
    const signedUp = await client
      .post('/api/v1/auth/sign-up')
      .json({ fullName: 'Mbuyi Tshala', email: 'mbuyi@example.cd', password: TEST_PASSWORD })
      .withCsrfToken()
    signedUp.assertStatus(201)
    assert.isFalse(signedUp.body().user.emailVerified)
    await runQueuedJobs()
    const token = tokenSentTo(mails, 'mbuyi@example.cd', '/verify-email')

    const verified = await client.post('/api/v1/auth/verify-email').json({ token }).withCsrfToken()
    verified.assertStatus(204)
    const user = await User.findByEmail('mbuyi@example.cd')
    assert.isNotNull(user!.emailVerifiedAt)
    const again = await client.post('/api/v1/auth/verify-email').json({ token }).withCsrfToken()
    again.assertStatus(400)
  })
})
