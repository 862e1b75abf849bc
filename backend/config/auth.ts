import { defineConfig } from '@adonisjs/auth'
import { sessionGuard } from '@adonisjs/auth/session'
import { tokensGuard } from '@adonisjs/auth/access_tokens'
import { SessionUserProvider, TokenUserProvider } from '@ia/platform/config'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

const authConfig = defineConfig({
  default: 'web',
  guards: {
    web: sessionGuard({
      useRememberMeTokens: false,
      // Reads the session's user through the access cache.
      provider: new SessionUserProvider({
        model: async () => ({ default: (await import('@ia/platform/contracts')).User }),
      }),
    }),
    api: tokensGuard({
      // Reads the user with the token in one query (instead of tokensUserProvider's two).
      provider: new TokenUserProvider({
        tokens: 'accessTokens',
        model: async () => ({ default: (await import('@ia/platform/contracts')).User }),
      }),
    }),
    // Tokens narrowed to one organisation and some scopes (vendor modules, integrations' API keys).
    scoped: tokensGuard({
      provider: new TokenUserProvider({
        tokens: 'scopedTokens',
        model: async () => ({ default: (await import('@ia/platform/contracts')).User }),
      }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}

declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
