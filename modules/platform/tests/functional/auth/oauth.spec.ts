import { test } from '@japa/runner'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import testUtils from '@adonisjs/core/services/test_utils'
import { HttpContext } from '@adonisjs/core/http'
import { exportJWK, generateKeyPair } from 'jose'
import Provider from 'oidc-provider'
import type { AllyManager } from '@adonisjs/ally'
import User from '../../../app/models/user.ts'
import OauthIdentity from '../../../app/models/oauth_identity.ts'
import AuditEntry from '../../../app/models/audit_entry.ts'
import { oidcDriverFactory } from '../../../app/services/oidc_driver.ts'
import { createOwnerWithOrganization, createUser, TEST_PASSWORD } from '../../helpers.ts'
import { BrowserClient } from '../../browser_client.ts'

/** The people the test identity provider knows, by login. */
const ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string }> = {
  ilunga: { email: 'ilunga@idp.example.cd', email_verified: true, name: 'Ilunga Mwamba' },
  unverified: { email: 'unverified@idp.example.cd', email_verified: false, name: 'Sans Preuve' },
}

const CLIENT = {
  client_id: 'ia-solution-test',
  client_secret: 'a-test-client-secret-of-enough-length',
}

/** A real OpenID Connect provider (oidc-provider) on a free port, with its login/consent pages. */
async function startIdentityProvider(callbackUrl: string) {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const provider = new Provider(issuer, {
    clients: [
      {
        ...CLIENT,
        redirect_uris: [callbackUrl],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: {
      keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-key' }],
    },
    cookies: { keys: ['a-cookie-signing-key-for-the-test-idp'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    async findAccount(_ctx, id) {
      const account = ACCOUNTS[id]
      if (!account) return undefined
      return { accountId: id, claims: async () => ({ sub: id, ...account }) }
    },
  })
  server.on('request', provider.callback())
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

test.group('Auth / OAuth-OIDC providers, none configured', () => {
  test('the provider list is empty', async ({ client }) => {
    const response = await client.get('/api/v1/auth/providers')
    response.assertStatus(200)
    response.assertBody({ providers: [] })
  })
})

test.group('Auth / OAuth-OIDC sign-in', (group) => {
  const backend = BrowserClient.forTestServer()
  const callbackUrl = `${backend.baseUrl}/api/v1/auth/oauth/oidc/callback`
  let idp: Awaited<ReturnType<typeof startIdentityProvider>>
  let providers: Record<string, unknown>

  group.setup(async () => {
    idp = await startIdentityProvider(callbackUrl)
    // The ally providers are resolved from OIDC_* at boot; the issuer's port is only known now, so
    // the test adds its provider to the providers every request's ally manager reads.
    const allyGetter = Object.getOwnPropertyDescriptor(HttpContext.prototype, 'ally')!.get!
    providers = (allyGetter.call({}) as AllyManager<Record<string, any>>).config
    providers.oidc = oidcDriverFactory({
      issuer: idp.issuer,
      clientId: CLIENT.client_id,
      clientSecret: CLIENT.client_secret,
      callbackUrl,
      displayName: 'Annuaire de test',
    })
  })
  group.teardown(async () => {
    delete providers?.oidc
    await idp?.close()
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  /** Runs the whole browser journey and returns where the backend finally sent the browser. */
  async function signInAtProvider(browser: BrowserClient, login: string) {
    const { location } = await browser.navigate(
      '/api/v1/auth/oauth/oidc/redirect',
      { login, password: 'any' },
      (next) => next.origin === backend.baseUrl && !next.pathname.startsWith('/api/')
    )
    return location
  }

  test('lists the configured provider with its label', async ({ client }) => {
    const response = await client.get('/api/v1/auth/providers')
    response.assertStatus(200)
    response.assertBody({ providers: [{ id: 'oidc', name: 'Annuaire de test' }] })
  })

  test('the redirect sends PKCE S256, state and nonce to the issuer', async ({ assert }) => {
    const browser = BrowserClient.forTestServer()
    const response = await browser.request('GET', '/api/v1/auth/oauth/oidc/redirect')
    assert.equal(response.status, 302)
    const target = new URL(response.headers.get('location')!)
    assert.equal(target.origin, idp.issuer)
    assert.equal(target.searchParams.get('client_id'), CLIENT.client_id)
    assert.equal(target.searchParams.get('code_challenge_method'), 'S256')
    assert.isAtLeast(target.searchParams.get('code_challenge')!.length, 43)
    assert.isAtLeast(target.searchParams.get('state')!.length, 32)
    assert.isAtLeast(target.searchParams.get('nonce')!.length, 32)
    assert.include(target.searchParams.get('scope')!.split(' '), 'openid')
  })

  test('creates the user from a verified email, signs them in with a new session and lands on /', async ({
    assert,
  }) => {
    const browser = BrowserClient.forTestServer()
    await browser.get('/api/v1/auth/csrf')
    const before = browser.cookie('ia-session')
    const location = await signInAtProvider(browser, 'ilunga')
    assert.equal(location?.pathname, '/')
    assert.notEqual(browser.cookie('ia-session'), before)

    const me = await browser.get('/api/v1/auth/me')
    assert.equal(me.status, 200)
    assert.equal(me.body.user.email, 'ilunga@idp.example.cd')
    assert.equal(me.body.user.fullName, 'Ilunga Mwamba')
    assert.isTrue(me.body.user.emailVerified)
    const identity = await OauthIdentity.query()
      .where({ provider: 'oidc', subject: 'ilunga' })
      .firstOrFail()
    assert.equal(identity.userId, me.body.user.id)
    const user = await User.findOrFail(identity.userId)
    assert.isNull(user.password)
  })

  test('links an existing account by its verified email, audits it, and signs in by subject next time', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    owner.email = 'ilunga@idp.example.cd'
    owner.emailVerifiedAt = (await import('luxon')).DateTime.now()
    await owner.save()

    const first = BrowserClient.forTestServer()
    assert.equal((await signInAtProvider(first, 'ilunga'))?.pathname, '/')
    assert.equal((await first.get('/api/v1/auth/me')).body.user.id, owner.id)
    await owner.refresh()
    assert.isTrue(await owner.verifyPassword(TEST_PASSWORD), 'a proven account keeps its password')

    owner.email = 'autre-adresse@example.cd'
    await owner.save()
    const second = BrowserClient.forTestServer()
    assert.equal((await signInAtProvider(second, 'ilunga'))?.pathname, '/')
    assert.equal((await second.get('/api/v1/auth/me')).body.user.id, owner.id)

    const actions = await AuditEntry.query()
      .where('organization_id', organization.id)
      .orderBy('id', 'asc')
    assert.deepEqual(
      actions.map((entry) => [entry.action, entry.metadata]),
      [
        ['auth.oauth_linked', { provider: 'oidc', passwordRemoved: false }],
        ['auth.signed_in', { method: 'oauth:oidc' }],
        ['auth.signed_in', { method: 'oauth:oidc' }],
      ]
    )
  })

  test('claiming an unproven local account removes its password and its sessions', async ({
    assert,
  }) => {
    const squatter = await createUser({ email: 'ilunga@idp.example.cd' })
    const squatterBrowser = BrowserClient.forTestServer()
    assert.equal((await squatterBrowser.signIn(squatter.email, TEST_PASSWORD)).status, 200)

    const owner = BrowserClient.forTestServer()
    assert.equal((await signInAtProvider(owner, 'ilunga'))?.pathname, '/')
    assert.equal((await owner.get('/api/v1/auth/me')).body.user.id, squatter.id)
    assert.equal((await squatterBrowser.get('/api/v1/auth/me')).status, 401)
    assert.equal(
      (await BrowserClient.forTestServer().signIn(squatter.email, TEST_PASSWORD)).status,
      400
    )
  })

  test('an unverified email at the provider is refused with ?error=no_verified_email', async ({
    assert,
  }) => {
    const browser = BrowserClient.forTestServer()
    const location = await signInAtProvider(browser, 'unverified')
    assert.equal(location?.pathname, '/sign-in')
    assert.equal(location?.searchParams.get('error'), 'no_verified_email')
    assert.isNull(await User.findByEmail('unverified@idp.example.cd'))
    assert.equal((await browser.get('/api/v1/auth/me')).status, 401)
  })

  test('a disabled account is refused with ?error=account_disabled', async ({ assert }) => {
    const user = await createUser({ email: 'ilunga@idp.example.cd' })
    user.emailVerifiedAt = (await import('luxon')).DateTime.now()
    user.disabledAt = (await import('luxon')).DateTime.now()
    await user.save()
    const location = await signInAtProvider(BrowserClient.forTestServer(), 'ilunga')
    assert.equal(location?.searchParams.get('error'), 'account_disabled')
  })

  test('a callback whose state does not match is refused with ?error=state_mismatch', async ({
    assert,
  }) => {
    const browser = BrowserClient.forTestServer()
    await browser.request('GET', '/api/v1/auth/oauth/oidc/redirect')
    const response = await browser.request(
      'GET',
      '/api/v1/auth/oauth/oidc/callback?code=forged&state=forged'
    )
    assert.equal(response.status, 302)
    assert.equal(response.headers.get('location'), '/sign-in?error=state_mismatch')
  })

  test('a code replayed from another browser (no PKCE verifier, no nonce) signs nobody in', async ({
    assert,
  }) => {
    const victim = BrowserClient.forTestServer()
    const { location } = await victim.navigate(
      '/api/v1/auth/oauth/oidc/redirect',
      { login: 'ilunga', password: 'any' },
      (next) => next.pathname.endsWith('/oauth/oidc/callback')
    )
    const attacker = BrowserClient.forTestServer()
    const response = await attacker.request('GET', location!.toString())
    assert.equal(response.status, 302)
    assert.match(response.headers.get('location')!, /^\/sign-in\?error=/)
    assert.equal((await attacker.get('/api/v1/auth/me')).status, 401)
  })

  test('an ID token whose nonce is not the one this browser sent is refused with ?error=invalid_id_token', async ({
    assert,
  }) => {
    const other = BrowserClient.forTestServer()
    await other.request('GET', '/api/v1/auth/oauth/oidc/redirect')
    const browser = BrowserClient.forTestServer()
    const { location } = await browser.navigate(
      '/api/v1/auth/oauth/oidc/redirect',
      { login: 'ilunga', password: 'any' },
      (next) => next.pathname.endsWith('/oauth/oidc/callback')
    )
    // State and PKCE verifier are this browser's own: only the ID token's nonce check can stop it.
    browser.setCookie('oidc_oauth_nonce', other.cookie('oidc_oauth_nonce')!)
    const response = await browser.request('GET', location!.toString())
    assert.equal(response.status, 302)
    assert.equal(response.headers.get('location'), '/sign-in?error=invalid_id_token')
    assert.equal((await browser.get('/api/v1/auth/me')).status, 401)
  })

  test('an unknown provider redirects to the sign-in page', async ({ assert }) => {
    const response = await BrowserClient.forTestServer().request(
      'GET',
      '/api/v1/auth/oauth/nope/redirect'
    )
    assert.equal(response.status, 302)
    assert.equal(response.headers.get('location'), '/sign-in?error=provider_unknown')
  })
})
