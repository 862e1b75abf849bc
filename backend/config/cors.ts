import { defineConfig } from '@adonisjs/cors'

/**
 * The shell and the API share one origin; cross-origin browsers get no credentials. The one exception is
 * a sandboxed vendor module's frame, whose origin is opaque (`null`): it may call the API with the scoped
 * Bearer token the shell handed it (never with cookies: credentials stay off).
 */
const corsConfig = defineConfig({
  enabled: true,
  origin: (origin, ctx) => {
    if (origin !== 'null') return []
    const bearer = (ctx.request.header('authorization') ?? '').startsWith('Bearer ')
    const preflightForBearer =
      ctx.request.method() === 'OPTIONS' &&
      (ctx.request.header('access-control-request-headers') ?? '')
        .toLowerCase()
        .split(',')
        .some((name) => name.trim() === 'authorization')
    return bearer || preflightForBearer ? ['null'] : []
  },
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  headers: true,
  exposeHeaders: [],
  credentials: false,
  maxAge: 90,
})

export default corsConfig
