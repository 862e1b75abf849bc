import { configProvider } from '@adonisjs/core'
import { Oauth2Driver } from '@adonisjs/ally'
import type { HttpContext } from '@adonisjs/core/http'
import type { ApiRequestContract, AllyUserContract, Oauth2AccessToken, RedirectRequestContract } from '@adonisjs/ally/types'
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose'

/** Settings of one OpenID Connect provider (from OIDC_* in the environment). */
export type OidcDriverConfig = {
  issuer: string
  clientId: string
  clientSecret: string
  callbackUrl: string
  /** The label of the sign-in button. */
  displayName: string
  scopes?: string[]
}

/** The parts of the provider's discovery document the driver uses. */
type DiscoveryDocument = {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  jwks_uri: string
  userinfo_endpoint?: string
  id_token_signing_alg_values_supported?: string[]
  token_endpoint_auth_methods_supported?: string[]
}

/** The token response of an OIDC provider: an access token and the ID token. */
export type OidcToken = Oauth2AccessToken & { id_token?: string }

/** Why an OIDC sign-in failed; `code` goes to the sign-in page as `?error=<code>`. */
export class OidcError extends Error {
  constructor(
    readonly code: 'provider_unavailable' | 'invalid_id_token' | 'oauth_failed',
    message: string,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}

const DISCOVERY_TTL_MS = 60 * 60 * 1000
const HTTP_TIMEOUT_MS = 10_000
const ASYMMETRIC_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'])

const discoveries = new Map<string, { expiresAt: number; document: Promise<DiscoveryDocument> }>()
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>()

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '')

async function fetchDiscovery(issuer: string): Promise<DiscoveryDocument> {
  const url = `${withoutTrailingSlash(issuer)}/.well-known/openid-configuration`
  let document: DiscoveryDocument
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    document = (await response.json()) as DiscoveryDocument
  } catch (error) {
    throw new OidcError('provider_unavailable', `OIDC discovery failed at ${url}`, { cause: error })
  }
  // A document naming another issuer would let that issuer's tokens in (OpenID Connect Discovery 4.3).
  if (withoutTrailingSlash(String(document.issuer ?? '')) !== withoutTrailingSlash(issuer)) {
    throw new OidcError('provider_unavailable', `OIDC discovery at ${url} names issuer "${document.issuer}"`)
  }
  for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (!URL.canParse(String(document[key] ?? ''))) {
      throw new OidcError('provider_unavailable', `OIDC discovery at ${url} lacks a valid "${key}"`)
    }
  }
  return document
}

/** The issuer's discovery document, fetched once an hour at most (a failure is not kept). */
function discover(issuer: string): Promise<DiscoveryDocument> {
  const cached = discoveries.get(issuer)
  if (cached && cached.expiresAt > Date.now()) return cached.document
  const document = fetchDiscovery(issuer)
  discoveries.set(issuer, { expiresAt: Date.now() + DISCOVERY_TTL_MS, document })
  document.catch(() => discoveries.delete(issuer))
  return document
}

/** The issuer's signing keys; jose caches them and refetches when a token names an unknown key. */
function keySet(jwksUri: string) {
  let keys = keySets.get(jwksUri)
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: HTTP_TIMEOUT_MS })
    keySets.set(jwksUri, keys)
  }
  return keys
}

/**
 * A generic OpenID Connect driver for ally: endpoints from the issuer's discovery document,
 * authorization code flow with PKCE (S256), state and nonce kept in encrypted cookies, and an
 * ID token whose signature (issuer's JWKS), issuer, audience, expiry and nonce are all checked.
 */
export class OidcDriver extends Oauth2Driver<OidcToken, string> {
  protected stateCookieName = 'oidc_oauth_state'
  protected codeVerifierCookieName = 'oidc_oauth_verifier'
  protected nonceCookieName = 'oidc_oauth_nonce'
  protected stateParamName = 'state'
  protected errorParamName = 'error'
  protected codeParamName = 'code'
  protected scopeParamName = 'scope'
  protected scopesSeparator = ' '
  protected authorizeUrl = ''
  protected accessTokenUrl = ''

  #nonce: string | undefined
  #document: DiscoveryDocument | undefined

  constructor(
    ctx: HttpContext,
    public config: OidcDriverConfig
  ) {
    super(ctx, { clientId: config.clientId, clientSecret: config.clientSecret, callbackUrl: config.callbackUrl })
    this.loadState()
    this.#nonce = ctx.request.encryptedCookie(this.nonceCookieName) ?? undefined
    ctx.response.clearCookie(this.nonceCookieName)
  }

  async #discover() {
    this.#document ??= await discover(this.config.issuer)
    this.authorizeUrl = this.#document.authorization_endpoint
    this.accessTokenUrl = this.#document.token_endpoint
    return this.#document
  }

  protected configureRedirectRequest(request: RedirectRequestContract<string>) {
    request.scopes(this.config.scopes ?? ['openid', 'email', 'profile'])
    request.param('response_type', 'code')
  }

  protected configureAccessTokenRequest(request: ApiRequestContract) {
    const methods = this.#document?.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
    // client_secret_basic is the default of the specification; the body form only when it is the sole choice.
    if (methods.includes('client_secret_basic') || !methods.includes('client_secret_post')) {
      request.clearField('client_secret')
      const credentials = `${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`
      request.header('authorization', `Basic ${Buffer.from(credentials).toString('base64')}`)
    }
  }

  async redirectUrl(callback?: (request: RedirectRequestContract<string>) => void) {
    await this.#discover()
    return super.redirectUrl(callback)
  }

  async redirect(callback?: (request: RedirectRequestContract<string>) => void) {
    await this.#discover()
    const nonce = this.getState()
    this.ctx.response.encryptedCookie(this.nonceCookieName, nonce, { sameSite: 'lax', httpOnly: true })
    await super.redirect((request) => {
      request.param('nonce', nonce)
      callback?.(request)
    })
  }

  accessDenied() {
    return this.ctx.request.input(this.errorParamName) === 'access_denied'
  }

  async accessToken(callback?: (request: ApiRequestContract) => void): Promise<OidcToken> {
    await this.#discover()
    return super.accessToken(callback)
  }

  /** Checks the ID token of the token response and returns its claims. */
  async #verifyIdToken(idToken: string | undefined): Promise<JWTPayload> {
    const document = await this.#discover()
    if (!idToken) throw new OidcError('invalid_id_token', 'The token response has no id_token')
    const algorithms = (document.id_token_signing_alg_values_supported ?? ['RS256']).filter((alg) => ASYMMETRIC_ALGORITHMS.has(alg))
    let payload: JWTPayload
    try {
      ;({ payload } = await jwtVerify(idToken, keySet(document.jwks_uri), {
        issuer: document.issuer,
        audience: this.config.clientId,
        algorithms,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 60,
      }))
    } catch (error) {
      throw new OidcError('invalid_id_token', 'The ID token failed verification', { cause: error })
    }
    if (!this.#nonce || payload.nonce !== this.#nonce) {
      throw new OidcError('invalid_id_token', 'The ID token nonce does not match the one sent')
    }
    if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== this.config.clientId) {
      throw new OidcError('invalid_id_token', 'The ID token was issued to another party (azp)')
    }
    return payload
  }

  async #userInfo(accessToken: string, subject: string | undefined) {
    const document = await this.#discover()
    if (!document.userinfo_endpoint) return {}
    const response = await fetch(document.userinfo_endpoint, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    })
    if (!response.ok) throw new OidcError('oauth_failed', `The userinfo endpoint answered HTTP ${response.status}`)
    const claims = (await response.json()) as Record<string, unknown>
    // Userinfo claims about another subject must never be merged (OpenID Connect Core 5.3.2).
    if (subject !== undefined && claims.sub !== subject) {
      throw new OidcError('invalid_id_token', 'The userinfo subject differs from the ID token subject')
    }
    return claims
  }

  #profile<T extends Oauth2AccessToken>(claims: Record<string, unknown>, token: T): AllyUserContract<T> {
    const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null)
    const email = text(claims.email)
    return {
      id: String(claims.sub),
      nickName: text(claims.preferred_username) ?? text(claims.name) ?? email ?? String(claims.sub),
      name: text(claims.name) ?? '',
      email,
      emailVerificationState:
        claims.email_verified === true ? 'verified' : claims.email_verified === false ? 'unverified' : 'unsupported',
      avatarUrl: text(claims.picture),
      original: claims,
      token,
    }
  }

  /** Exchanges the code, verifies the ID token and returns the person it names (userinfo claims merged in). */
  async user(callback?: (request: ApiRequestContract) => void): Promise<AllyUserContract<OidcToken>> {
    const token = await this.accessToken(callback)
    const idClaims = await this.#verifyIdToken(token.id_token)
    const userInfo = await this.#userInfo(token.token, idClaims.sub)
    return this.#profile({ ...userInfo, ...idClaims }, token)
  }

  /** The person an access token belongs to, from the userinfo endpoint. */
  async userFromToken(accessToken: string): Promise<AllyUserContract<{ token: string; type: 'bearer' }>> {
    const claims = await this.#userInfo(accessToken, undefined)
    if (typeof claims.sub !== 'string') throw new OidcError('oauth_failed', 'The userinfo response has no subject')
    return this.#profile(claims, { token: accessToken, type: 'bearer' as const })
  }
}

/** The ally driver factory for one OIDC provider, carrying its button label. */
export function oidcDriverFactory(config: OidcDriverConfig) {
  return Object.assign((ctx: HttpContext) => new OidcDriver(ctx, config), { displayName: config.displayName })
}

/** Declares an OIDC provider in config/ally.ts. */
export function oidc(config: OidcDriverConfig) {
  return configProvider.create(async () => oidcDriverFactory(config))
}
