import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { LOCALE_COOKIE } from '../../../app/middleware/detect_locale_middleware.ts'
import { createUser, TEST_PASSWORD } from '../../helpers.ts'
import { BrowserClient } from '../../browser_client.ts'

const SIGN_IN_PLEASE = { fr: 'Veuillez vous connecter.', en: 'Please sign in.' }

/** The message of the error /auth/me answers a browser with `acceptLanguage` (none: fetch's `*`) and the shell's cookie. */
async function unauthorizedMessage(acceptLanguage: string | null, cookie: string | null) {
  const browser = BrowserClient.forTestServer()
  if (cookie !== null) browser.setCookie(LOCALE_COOKIE, cookie)
  const response = await browser.request('GET', '/api/v1/auth/me', {
    headers: acceptLanguage === null ? {} : { 'accept-language': acceptLanguage },
  })
  return response.body.errors[0].message as string
}

test.group('Locale / the language of errors', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test(
    "before sign-in: Accept-Language, then the shell's cookie, then French (header {acceptLanguage}, cookie {cookie}: {expected})"
  )
    .with([
      { acceptLanguage: 'en-GB,en;q=0.9', cookie: null, expected: 'en' },
      { acceptLanguage: 'fr-CD', cookie: 'en', expected: 'fr' },
      { acceptLanguage: 'de-DE, ln;q=0.8', cookie: 'en', expected: 'en' },
      { acceptLanguage: null, cookie: 'en', expected: 'en' },
      { acceptLanguage: null, cookie: 'xx', expected: 'fr' },
      { acceptLanguage: 'sw', cookie: null, expected: 'fr' },
      { acceptLanguage: null, cookie: null, expected: 'fr' },
    ] as const)
    .run(async ({ assert }, { acceptLanguage, cookie, expected }) => {
      assert.equal(await unauthorizedMessage(acceptLanguage, cookie), SIGN_IN_PLEASE[expected])
    })

  test('validation errors before sign-in follow the cookie when the header names no product language', async ({
    assert,
  }) => {
    const browser = BrowserClient.forTestServer()
    browser.setCookie(LOCALE_COOKIE, 'en')
    const response = await browser.send('POST', '/api/v1/auth/forgot-password', {
      email: 'pas-un-email',
    })
    assert.equal(response.status, 422)
    assert.equal(response.body.errors[0].field, 'email')
    assert.match(response.body.errors[0].message, /email/i)
    assert.notMatch(response.body.errors[0].message, /adresse|courriel|valide/i)
  })

  test("after sign-in, the user's saved language wins over the header and the cookie", async ({
    assert,
  }) => {
    const user = await createUser({ locale: 'en' })
    const browser = BrowserClient.forTestServer()
    browser.setCookie(LOCALE_COOKIE, 'fr')
    await browser.signIn(user.email, TEST_PASSWORD)
    const response = await browser.request('PATCH', '/api/v1/auth/me', {
      json: { fullName: 'x' },
      headers: {
        'accept-language': 'fr',
        'x-xsrf-token': decodeURIComponent(browser.cookie('XSRF-TOKEN')!),
      },
    })
    assert.equal(response.status, 422)
    assert.equal(response.body.errors[0].field, 'fullName')
    assert.match(response.body.errors[0].message, /fullName|full name|characters/i)
    assert.notMatch(response.body.errors[0].message, /caractères/i)
  })

  test("a refused CSRF token of a signed-in user is explained in their saved language, not the browser's", async ({
    assert,
  }) => {
    const user = await createUser({ locale: 'en' })
    const browser = BrowserClient.forTestServer()
    await browser.signIn(user.email, TEST_PASSWORD)
    browser.setCookie('XSRF-TOKEN', 'forged')
    const response = await browser.request('PATCH', '/api/v1/auth/me', {
      json: { fullName: 'Amani' },
      headers: { 'accept-language': 'fr' },
    })
    assert.equal(response.status, 403)
    assert.equal(response.body.errors[0].code, 'E_BAD_CSRF_TOKEN')
    assert.equal(
      response.body.errors[0].message,
      'Your session expired. Reload the page and try again.'
    )
  })
})
