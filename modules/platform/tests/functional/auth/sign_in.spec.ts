import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import config from '@adonisjs/core/services/config'
import AuditEntry from '../../../app/models/audit_entry.ts'
import User from '../../../app/models/user.ts'
import { createOwnerWithOrganization, createUser, TEST_PASSWORD } from '../../helpers.ts'
import { BrowserClient } from '../../browser_client.ts'

test.group('Auth / sign-in', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('sign-in and sign-up sent with a Bearer token have no session to open: 400, and no account is created', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const signIn = await client
      .post('/api/v1/auth/sign-in')
      .header('authorization', 'Bearer ias_nope')
      .json({ email: user.email, password: TEST_PASSWORD })
    signIn.assertStatus(400)
    signIn.assertBodyContains({ errors: [{ code: 'E_BAD_REQUEST', message: 'Requête invalide.' }] })
    const signUp = await client
      .post('/api/v1/auth/sign-up')
      .header('authorization', 'Bearer ias_nope')
      .json({
        fullName: 'Ilunga Mwamba',
        email: 'ilunga-bearer@example.cd',
        password: TEST_PASSWORD,
      })
    signUp.assertStatus(400)
    assert.isNull(await User.findByEmail('ilunga-bearer@example.cd'))
  })

  test('signs in with the right password, whatever the email case', async ({ client, assert }) => {
    const user = await createUser({ email: 'kasongo@example.cd' })
    const response = await client
      .post('/api/v1/auth/sign-in')
      .json({ email: 'Kasongo@Example.CD', password: TEST_PASSWORD })
      .withCsrfToken()
    response.assertStatus(200)
    assert.equal(response.body().user.id, user.id)
    assert.notProperty(response.body().user, 'password')
  })

  test('answers 400 E_INVALID_CREDENTIALS to a wrong password, in {language}')
    .with([
      { language: 'fr', message: 'Adresse e-mail ou mot de passe incorrect.' },
      { language: 'en', message: 'Wrong email address or password.' },
    ])
    .run(async ({ client }, { language, message }) => {
      const user = await createUser()
      const response = await client
        .post('/api/v1/auth/sign-in')
        .header('accept-language', language)
        .json({ email: user.email, password: 'pas-le-bon-mot-de-passe' })
        .withCsrfToken()
      response.assertStatus(400)
      response.assertBody({ errors: [{ code: 'E_INVALID_CREDENTIALS', message }] })
    })

  test('answers the same 400 to an unknown email', async ({ client }) => {
    const response = await client
      .post('/api/v1/auth/sign-in')
      .json({ email: 'personne@example.cd', password: TEST_PASSWORD })
      .withCsrfToken()
    response.assertStatus(400)
    response.assertBodyContains({ errors: [{ code: 'E_INVALID_CREDENTIALS' }] })
  })

  test('locks the account after SIGN_IN_MAX_ATTEMPTS failures, even against the right password', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { maxAttempts, lockMinutes } = config.get<{ maxAttempts: number; lockMinutes: number }>(
      'platform.signIn'
    )
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const failure = await client
        .post('/api/v1/auth/sign-in')
        .json({ email: user.email, password: 'mauvais-mot-de-passe' })
        .withCsrfToken()
      failure.assertStatus(400)
    }
    const locked = await client
      .post('/api/v1/auth/sign-in')
      .header('accept-language', 'en')
      .json({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
    locked.assertStatus(429)
    assert.equal(locked.body().errors[0].code, 'E_TOO_MANY_ATTEMPTS')
    assert.equal(
      locked.body().errors[0].message,
      `Too many sign-in attempts. Try again in ${lockMinutes} minutes.`
    )
    assert.isAbove(Number(locked.header('retry-after')), 0)
  })

  test('the lock ends when its time is over', async ({ client, assert }) => {
    const user = await createUser()
    const { maxAttempts } = config.get<{ maxAttempts: number }>('platform.signIn')
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      await client
        .post('/api/v1/auth/sign-in')
        .json({ email: user.email, password: 'mauvais-mot-de-passe' })
        .withCsrfToken()
    }
    const locked = await client
      .post('/api/v1/auth/sign-in')
      .json({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
    locked.assertStatus(429)
    // The database store keeps an expiry timestamp per key: move it to the past, as time would.
    const db = (await import('@adonisjs/lucid/services/db')).default
    const moved = await db
      .from('rate_limits')
      .where('key', 'like', `%${user.email}`)
      .update({ expire: Date.now() - 1000 })
    assert.isAbove(Number(moved), 0)
    const response = await client
      .post('/api/v1/auth/sign-in')
      .json({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
    response.assertStatus(200)
  })

  test('refuses a disabled account with the right password', async ({ client }) => {
    const user = await createUser()
    user.disabledAt = DateTime.now()
    await user.save()
    const response = await client
      .post('/api/v1/auth/sign-in')
      .json({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
    response.assertStatus(400)
    response.assertBodyContains({ errors: [{ code: 'E_INVALID_CREDENTIALS' }] })
  })

  test('issues a new session id at sign-in; the pre-sign-in id opens nothing', async ({
    assert,
  }) => {
    const user = await createUser()
    const browser = BrowserClient.forTestServer()
    await browser.get('/api/v1/auth/csrf')
    const before = browser.cookie('ia-session')
    assert.isString(before)

    const signedIn = await browser.signIn(user.email, TEST_PASSWORD)
    assert.equal(signedIn.status, 200)
    const after = browser.cookie('ia-session')
    assert.isString(after)
    assert.notEqual(after, before)
    assert.equal((await browser.get('/api/v1/auth/me')).status, 200)

    const attacker = BrowserClient.forTestServer()
    attacker.setCookie('ia-session', before!)
    assert.equal((await attacker.get('/api/v1/auth/me')).status, 401)
  })

  test('audits sign-ins and failed sign-ins in each organisation of the user', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    await client
      .post('/api/v1/auth/sign-in')
      .json({ email: owner.email, password: 'mauvais-mot-de-passe' })
      .withCsrfToken()
    await client
      .post('/api/v1/auth/sign-in')
      .json({ email: owner.email, password: TEST_PASSWORD })
      .withCsrfToken()
    const actions = await AuditEntry.query()
      .where('organization_id', organization.id)
      .orderBy('id', 'asc')
    assert.deepEqual(
      actions.map((entry) => [entry.action, entry.actorId, entry.metadata]),
      [
        ['auth.sign_in_failed', owner.id, { reason: 'password' }],
        ['auth.signed_in', owner.id, { method: 'password' }],
      ]
    )
  })
})
