import env from '#start/env'
import { defineConfig } from '@adonisjs/ally'
import { oidc } from '@ia/platform/config'

const issuer = env.get('OIDC_ISSUER')
const clientId = env.get('OIDC_CLIENT_ID')
const clientSecret = env.get('OIDC_CLIENT_SECRET')

/** OAuth/OIDC sign-in providers: one OpenID Connect provider when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set (see README). */
const allyConfig = defineConfig(
  issuer && clientId && clientSecret
    ? {
        oidc: oidc({
          issuer,
          clientId,
          clientSecret,
          displayName: env.get('OIDC_DISPLAY_NAME') ?? 'SSO',
          callbackUrl: new URL('/api/v1/auth/oauth/oidc/callback', env.get('APP_URL')).toString(),
        }),
      }
    : {}
)

export default allyConfig
