import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import type User from '../../../app/models/user.ts'
import { ACCOUNT_THROTTLES } from '../../../app/services/account_throttles.ts'
import { createUser, runQueuedJobs, TEST_PASSWORD } from '../../helpers.ts'

let addressSequence = 0

/** A client address of its own (the test server trusts X-Forwarded-For from loopback), so tests do not share counters. */
function freshAddress() {
  addressSequence += 1
  return `198.51.100.${addressSequence % 250}`
}

/** The median of some durations, in milliseconds. */
function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

test.group('Auth / rate limits on the account forms', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test("sign-up is limited per email address: past the limit it is 429 with Retry-After, in the user's language", async ({
    client,
    assert,
  }) => {
    const email = `limite-${Date.now()}@example.cd`
    const { requests } = ACCOUNT_THROTTLES['sign-up'].account
    for (let attempt = 0; attempt < requests; attempt++) {
      const response = await client
        .post('/api/v1/auth/sign-up')
        .header('x-forwarded-for', freshAddress())
        .json({ fullName: 'Kasongo Ilunga', email, password: TEST_PASSWORD })
        .withCsrfToken()
      response.assertStatus(attempt === 0 ? 201 : 422)
    }
    const limited = await client
      .post('/api/v1/auth/sign-up')
      .header('x-forwarded-for', freshAddress())
      .header('accept-language', 'en')
      .json({ fullName: 'Kasongo Ilunga', email: email.toUpperCase(), password: TEST_PASSWORD })
      .withCsrfToken()
    limited.assertStatus(429)
    assert.deepEqual(limited.body().errors[0], {
      code: 'E_TOO_MANY_REQUESTS',
      message: 'Too many attempts. Try again in a few minutes.',
    })
    assert.isAbove(Number(limited.header('retry-after')), 0)
  })

  test('sign-up is limited per client address, whatever the emails', async ({ client }) => {
    const address = freshAddress()
    const { requests } = ACCOUNT_THROTTLES['sign-up'].address
    for (let attempt = 0; attempt <= requests; attempt++) {
      const response = await client
        .post('/api/v1/auth/sign-up')
        .header('x-forwarded-for', address)
        .json({
          fullName: 'Kasongo Ilunga',
          email: `adresse-${attempt}-${Date.now()}@example.cd`,
          password: TEST_PASSWORD,
        })
        .withCsrfToken()
      response.assertStatus(attempt < requests ? 201 : 429)
    }
  }).timeout(120_000)

  test('password-reset requests are limited per email address, known or not, and per client address', async ({
    client,
  }) => {
    const user = await createUser()
    for (const email of [user.email, 'personne@example.cd']) {
      const { requests } = ACCOUNT_THROTTLES['forgot-password'].account
      for (let attempt = 0; attempt <= requests; attempt++) {
        const response = await client
          .post('/api/v1/auth/forgot-password')
          .header('x-forwarded-for', freshAddress())
          .json({ email })
          .withCsrfToken()
        response.assertStatus(attempt < requests ? 202 : 429)
      }
    }
    const address = freshAddress()
    const { requests } = ACCOUNT_THROTTLES['forgot-password'].address
    for (let attempt = 0; attempt <= requests; attempt++) {
      const response = await client
        .post('/api/v1/auth/forgot-password')
        .header('x-forwarded-for', address)
        .json({ email: `quelquun-${attempt}@example.cd` })
        .withCsrfToken()
      response.assertStatus(attempt < requests ? 202 : 429)
    }
  })

  test('failed checks of the current password lock the checks of that account, even against the right password', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const config = (await import('@adonisjs/core/services/config')).default
    const { maxAttempts } = config.get<{ maxAttempts: number }>('platform.signIn')
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const wrong = await client
        .post('/api/v1/auth/password')
        .loginAs(user)
        .header('x-forwarded-for', freshAddress())
        .json({ currentPassword: 'mauvais-mot-de-passe', password: 'un-nouveau-mot-de-passe' })
        .withCsrfToken()
      wrong.assertStatus(422)
      wrong.assertBodyContains({ errors: [{ code: 'E_WRONG_PASSWORD', field: 'currentPassword' }] })
    }
    const locked = await client
      .post('/api/v1/auth/password')
      .loginAs(user)
      .header('x-forwarded-for', freshAddress())
      .json({ currentPassword: TEST_PASSWORD, password: 'un-nouveau-mot-de-passe' })
      .withCsrfToken()
    locked.assertStatus(429)
    assert.equal(locked.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    assert.equal(
      locked.body().errors[0].message,
      'Trop de tentatives. Réessayez dans quelques minutes.',
      "in the user's saved language"
    )
    await user.refresh()
    assert.isTrue(await user.verifyPassword(TEST_PASSWORD), 'the password did not change')
  })

  test('checks of the current password are limited per client address', async ({ client }) => {
    const address = freshAddress()
    const { requests } = ACCOUNT_THROTTLES['current-password'].address
    for (let attempt = 0; attempt <= requests; attempt++) {
      const response = await client
        .post('/api/v1/auth/password')
        .loginAs(await createUser())
        .header('x-forwarded-for', address)
        .json({ currentPassword: 'mauvais-mot-de-passe', password: 'un-nouveau-mot-de-passe' })
        .withCsrfToken()
      response.assertStatus(attempt < requests ? 422 : 429)
    }
  }).timeout(120_000)
})

test.group('Auth / the password-reset request tells nothing', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('it answers the same, in the same time, whether or not the address has an account', async ({
    client,
    assert,
  }) => {
    const mails = mail.fake()
    const users: User[] = []
    for (let index = 0; index < 8; index++) users.push(await createUser())
    const ask = async (email: string) => {
      const started = process.hrtime.bigint()
      const response = await client
        .post('/api/v1/auth/forgot-password')
        .header('x-forwarded-for', freshAddress())
        .json({ email })
        .withCsrfToken()
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6
      return {
        elapsed,
        status: response.status(),
        body: response.text(),
        headers: Object.keys(response.headers()).sort(),
      }
    }
    // Warm up both paths, then interleave them so that load on the machine falls on both alike.
    await ask(users[0].email)
    await ask('inconnu-0@example.cd')
    const known: number[] = []
    const unknown: number[] = []
    for (let round = 0; round < 24; round++) {
      const existing = await ask(users[round % users.length].email)
      const missing = await ask(`inconnu-${round}@example.cd`)
      assert.deepEqual(
        {
          status: missing.status,
          body: missing.body,
          headers: missing.headers.filter((name) => name !== 'set-cookie'),
        },
        {
          status: existing.status,
          body: existing.body,
          headers: existing.headers.filter((name) => name !== 'set-cookie'),
        }
      )
      known.push(existing.elapsed)
      unknown.push(missing.elapsed)
    }
    const gap = Math.abs(median(known) - median(unknown))
    assert.isBelow(
      gap,
      5,
      `median ${median(known).toFixed(2)} ms with an account, ${median(unknown).toFixed(2)} ms without`
    )

    await runQueuedJobs()
    const sent = mails.messages.sent()
    for (const user of users)
      assert.isTrue(
        sent.some((message) => message.hasTo(user.email)),
        `a link was mailed to ${user.email}`
      )
    assert.isFalse(
      sent.some((message) => !users.some((user) => message.hasTo(user.email))),
      'nobody else got a mail'
    )
  }).timeout(120_000)
})
