import env from '#start/env'
import { defineConfig } from '@adonisjs/shield'

/**
 * Where signed file links point when files live in S3: an organisation's logo is an <img> whose URL redirects
 * there, and a redirected image is checked against img-src too.
 */
function fileStorageOrigins(): string[] {
  const bucket = env.get('S3_BUCKET')
  if (!bucket) return []
  const endpoint = env.get('S3_ENDPOINT')
  if (!endpoint) {
    const region = env.get('S3_REGION')
    return [`https://${bucket}.s3.${region}.amazonaws.com`, `https://s3.${region}.amazonaws.com`]
  }
  const url = new URL(endpoint)
  return [
    env.get('S3_FORCE_PATH_STYLE', false) ? url.origin : `${url.protocol}//${bucket}.${url.host}`,
  ]
}

const shieldConfig = defineConfig({
  // The shell's page and the remotes' files get this policy too (app/middleware/web_assets_middleware.ts).
  // Every script of the shell and of the remotes is a file under 'self' (no inline script, no eval); Vue writes
  // style attributes, hence 'unsafe-inline' for styles only. Routes that render their own page (the API reference,
  // stored files) send a stricter policy of their own, which replaces this one.
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`],
      styleSrc: [`'self'`, `'unsafe-inline'`],
      imgSrc: [`'self'`, 'data:', 'blob:', ...fileStorageOrigins()],
      fontSrc: [`'self'`],
      connectSrc: [`'self'`],
      workerSrc: [`'self'`],
      objectSrc: [`'none'`],
      baseUri: [`'self'`],
      formAction: [`'self'`],
      frameAncestors: [`'none'`],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    // API clients authenticate with a Bearer token, which a browser never sends on its own; public routes
    // (a customer's link, a payment gateway's callback) with the token or signature they carry, never a cookie.
    exceptRoutes: (ctx) =>
      (ctx.request.header('authorization') ?? '').startsWith('Bearer ') ||
      (ctx.route?.pattern ?? '').startsWith('/api/v1/public/'),
    enableXsrfCookie: true,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: true, action: 'DENY' },
  // Sent by app/middleware/security_headers_middleware.ts on every answer, and only over HTTPS.
  hsts: { enabled: false },
  contentTypeSniffing: { enabled: true },
})

export default shieldConfig
