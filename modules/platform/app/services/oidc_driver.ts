import { configProvider } from '@adonisjs/core'
import { Oauth2Driver } from '@adonisjs/ally'
import type { HttpContext } from '@adonisjs/core/http'
import type {
  AllyUserContract,
  Oauth2AccessToken,
  RedirectRequestContract,
} from '@adonisjs/ally/types'
import * as client from 'openid-client'

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
const HTTP_TIMEOUT_SECONDS = 10

const discoveries = new Map<
  string,
  { expiresAt: number; configuration: Promise<client.Configuration> }
>()

/** Plain-HTTP issuers are refused by openid-client unless allowed; only a local test or development issuer is one. */
const insecureOptions = (issuer: URL) =>
  issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}

async function fetchConfiguration(config: OidcDriverConfig): Promise<client.Configuration> {
  const issuer = new URL(config.issuer)
  let discovered: client.Configuration
  try {
    // openid-client checks that the document names this issuer (OpenID Connect Discovery 4.3).
    discovered = await client.discovery(issuer, config.clientId, undefined, undefined, {
      ...insecureOptions(issuer),
      timeout: HTTP_TIMEOUT_SECONDS,
    })
  } catch (error) {
    throw new OidcError('provider_unavailable', `OIDC discovery failed for ${config.issuer}`, {
      cause: error,
    })
  }
  const server = discovered.serverMetadata()
  const methods = server.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
  // client_secret_basic is the default of the specification; the body form only when it is the sole choice.
  const authentication =
    methods.includes('client_secret_basic') || !methods.includes('client_secret_post')
      ? client.ClientSecretBasic(config.clientSecret)
      : client.ClientSecretPost(config.clientSecret)
  const configuration = new client.Configuration(
    server,
    config.clientId,
    { client_secret: config.clientSecret },
    authentication
  )
  if (issuer.protocol === 'http:') client.allowInsecureRequests(configuration)
  configuration.timeout = HTTP_TIMEOUT_SECONDS
  return configuration
}

/** The issuer's client configuration from its discovery document, fetched once an hour at most (a failure is not kept). */
function discover(config: OidcDriverConfig): Promise<client.Configuration> {
  const key = `${config.issuer} ${config.clientId}`
  const cached = discoveries.get(key)
  if (cached && cached.expiresAt > Date.now()) return cached.configuration
  const configuration = fetchConfiguration(config)
  discoveries.set(key, { expiresAt: Date.now() + DISCOVERY_TTL_MS, configuration })
  configuration.catch(() => discoveries.delete(key))
  return configuration
}

/** A failure of the provider's endpoints is `oauth_failed`; any other failure of the exchange is a token that did not pass. */
function exchangeError(error: unknown) {
  if (error instanceof OidcError) return error
  const endpointFailed =
    error instanceof client.ResponseBodyError ||
    error instanceof client.AuthorizationResponseError ||
    error instanceof client.WWWAuthenticateChallengeError
  return endpointFailed
    ? new OidcError('oauth_failed', 'The token endpoint refused the code', { cause: error })
    : new OidcError('invalid_id_token', 'The ID token failed verification', { cause: error })
}

/**
 * A generic OpenID Connect driver for ally: ally keeps state and PKCE (S256) in encrypted cookies and
 * builds the redirect; openid-client reads the discovery document, exchanges the code and checks the
 * ID token (signature on the issuer's JWKS, issuer, audience, expiry, nonce) and the userinfo subject.
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
  #configuration: client.Configuration | undefined

  constructor(
    ctx: HttpContext,
    public config: OidcDriverConfig
  ) {
    super(ctx, {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      callbackUrl: config.callbackUrl,
    })
    this.loadState()
    this.#nonce = ctx.request.encryptedCookie(this.nonceCookieName) ?? undefined
    ctx.response.clearCookie(this.nonceCookieName)
  }

  async #discover() {
    this.#configuration ??= await discover(this.config)
    const server = this.#configuration.serverMetadata()
    this.authorizeUrl = server.authorization_endpoint ?? ''
    this.accessTokenUrl = server.token_endpoint ?? ''
    return this.#configuration
  }

  protected configureRedirectRequest(request: RedirectRequestContract<string>) {
    request.scopes(this.config.scopes ?? ['openid', 'email', 'profile'])
    request.param('response_type', 'code')
  }

  async redirectUrl(callback?: (request: RedirectRequestContract<string>) => void) {
    await this.#discover()
    return super.redirectUrl(callback)
  }

  async redirect(callback?: (request: RedirectRequestContract<string>) => void) {
    await this.#discover()
    const nonce = this.getState()
    this.ctx.response.encryptedCookie(this.nonceCookieName, nonce, {
      sameSite: 'lax',
      httpOnly: true,
    })
    await super.redirect((request) => {
      request.param('nonce', nonce)
      callback?.(request)
    })
  }

  accessDenied() {
    return this.ctx.request.input(this.errorParamName) === 'access_denied'
  }

  /**
   * Exchanges the code with openid-client, which checks state, PKCE and the ID token: signature on the
   * issuer's keys, issuer, audience, expiry, nonce and authorised party.
   */
  async #exchange(): Promise<{ token: OidcToken; claims: client.IDToken }> {
    if (this.hasError()) throw new OidcError('oauth_failed', 'The provider answered with an error')
    if (this.stateMisMatch() || !this.#nonce)
      throw new OidcError('invalid_id_token', 'No sign-in was started from this browser')
    const configuration = await this.#discover()
    const callback = new URL(this.config.callbackUrl)
    callback.search = new URLSearchParams(
      this.ctx.request.qs() as Record<string, string>
    ).toString()
    try {
      const response = await client.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: this.getPkceCodeVerifierForAccessToken() ?? undefined,
        expectedState: this.stateCookieValue,
        expectedNonce: this.#nonce,
        idTokenExpected: true,
      })
      const claims = response.claims()
      if (!claims) throw new OidcError('invalid_id_token', 'The token response has no id_token')
      const token: OidcToken = {
        token: response.access_token,
        type: 'bearer',
        refreshToken: response.refresh_token,
        expiresIn: response.expiresIn(),
        id_token: response.id_token,
      }
      return { token, claims }
    } catch (error) {
      throw exchangeError(error)
    }
  }

  async accessToken(): Promise<OidcToken> {
    return (await this.#exchange()).token
  }

  async #userInfo(
    accessToken: string,
    subject: string | undefined
  ): Promise<Record<string, unknown>> {
    const configuration = await this.#discover()
    if (!configuration.serverMetadata().userinfo_endpoint) return {}
    try {
      // Userinfo claims about another subject must never be merged (OpenID Connect Core 5.3.2): openid-client checks it.
      return await client.fetchUserInfo(
        configuration,
        accessToken,
        subject ?? client.skipSubjectCheck
      )
    } catch (error) {
      if (
        error instanceof client.ClientError &&
        error.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED'
      ) {
        throw new OidcError(
          'invalid_id_token',
          'The userinfo subject differs from the ID token subject',
          { cause: error }
        )
      }
      throw new OidcError('oauth_failed', 'The userinfo endpoint failed', { cause: error })
    }
  }

  #profile<T extends Oauth2AccessToken>(
    claims: Record<string, unknown>,
    token: T
  ): AllyUserContract<T> {
    const text = (value: unknown) =>
      typeof value === 'string' && value.trim() ? value.trim() : null
    const email = text(claims.email)
    return {
      id: String(claims.sub),
      nickName: text(claims.preferred_username) ?? text(claims.name) ?? email ?? String(claims.sub),
      name: text(claims.name) ?? '',
      email,
      emailVerificationState:
        claims.email_verified === true
          ? 'verified'
          : claims.email_verified === false
            ? 'unverified'
            : 'unsupported',
      avatarUrl: text(claims.picture),
      original: claims,
      token,
    }
  }

  /** Exchanges the code, verifies the ID token and returns the person it names (userinfo claims merged in). */
  async user(): Promise<AllyUserContract<OidcToken>> {
    const { token, claims } = await this.#exchange()
    const userInfo = await this.#userInfo(token.token, claims.sub)
    return this.#profile({ ...userInfo, ...claims }, token)
  }

  /** The person an access token belongs to, from the userinfo endpoint. */
  async userFromToken(
    accessToken: string
  ): Promise<AllyUserContract<{ token: string; type: 'bearer' }>> {
    const claims = await this.#userInfo(accessToken, undefined)
    if (typeof claims.sub !== 'string')
      throw new OidcError('oauth_failed', 'The userinfo response has no subject')
    return this.#profile(claims, { token: accessToken, type: 'bearer' as const })
  }
}

/** The ally driver factory for one OIDC provider, carrying its button label. */
export function oidcDriverFactory(config: OidcDriverConfig) {
  return Object.assign((ctx: HttpContext) => new OidcDriver(ctx, config), {
    displayName: config.displayName,
  })
}

/** Declares an OIDC provider in config/ally.ts. */
export function oidc(config: OidcDriverConfig) {
  return configProvider.create(async () => oidcDriverFactory(config))
}
