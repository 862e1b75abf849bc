import type { Plugin } from 'vite'

/**
 * The page's Content Security Policy, the same as backend/config/shield.ts sends on the API's responses. Every
 * script of the shell and of the remotes is a file under 'self' (no inline script, no eval); Vue writes style
 * attributes, hence 'unsafe-inline' for styles only. `img-src` adds https: because an organisation's logo redirects to
 * its signed file link, which is on the S3 host when files live there; the server's header names that host exactly.
 * `frame-ancestors` is left to the server's header (a <meta> policy cannot carry it) and to X-Frame-Options.
 */
export const SHELL_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:', 'https:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
}

/** `default-src 'self'; script-src 'self'; ...` */
export function serializeCsp(policy: Record<string, string[]>): string {
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ')
}

/**
 * Puts the policy in the built index.html right after <meta charset>, before any script or stylesheet, so that it
 * governs all of them. Build only: the dev server injects its own client and HMR connection, which the policy is not
 * written for.
 */
export function contentSecurityPolicy(policy = SHELL_CSP): Plugin {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${serializeCsp(policy).replaceAll('"', '&quot;')}" />`
  return {
    name: 'ia-shell-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const charset = /<meta charset="[^"]*"\s*\/?>/i
        if (!charset.test(html)) throw new Error('index.html needs <meta charset> first in <head>: the policy goes right after it')
        return html.replace(charset, (meta) => `${meta}\n    ${tag}`)
      },
    },
  }
}
