import { stat } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import shieldConfig from '#config/shield'

const SHELL_DIST = app.makePath('../shell/app/dist')
// The marketplace page itself (`/marketplace`) is the shell's; its files, signatures and sandbox frames are the API's.
const API_PATHS =
  /^\/(api|health|__transmit|marketplace\/files|marketplace\/signatures|marketplace\/frame)(\/|$)/
const REMOTE_PATH = /^\/remotes\/([a-z][a-z0-9-]*)\/(.+)$/
const SOURCE_MAP = /\.map$/i

/** Resolves `relativePath` inside `root`, refusing anything that would leave it, and source maps. */
async function fileInside(root: string, relativePath: string) {
  let decoded: string
  try {
    decoded = decodeURIComponent(relativePath)
  } catch {
    return null
  }
  // A source map would hand out the sources: builds make none, and one copied in by hand is not served.
  if (SOURCE_MAP.test(decoded)) return null
  const target = resolve(root, decoded)
  if (!target.startsWith(root + sep)) return null
  const info = await stat(target).catch(() => null)
  return info?.isFile() ? target : null
}

/**
 * The API's Content Security Policy as a header: these files are served before the router, so shield
 * never sees them. `extraConnect` are outside hosts the page may call.
 */
function contentSecurityPolicy(extraConnect: string[] = []) {
  return Object.entries(shieldConfig.csp.directives ?? {})
    .map(([name, sources]) => {
      const list = [...(sources as string[]), ...(name === 'connectSrc' ? extraConnect : [])]
      return `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${list.join(' ')}`
    })
    .join('; ')
}
const CONTENT_SECURITY_POLICY = contentSecurityPolicy()

/**
 * The shell's page runs audited vendor modules in-process: its policy lets it call the outside hosts
 * their manifests declare (installed and enabled somewhere), and no other.
 */
async function shellPagePolicy() {
  if (!app.container.hasBinding('kernel.vendorModules')) return CONTENT_SECURITY_POLICY
  const vendorModules = await app.container.make('kernel.vendorModules')
  const hosts = await vendorModules.inPageHosts()
  return contentSecurityPolicy(hosts.map((host) => `https://${host}`))
}

/** Headers of every shell and remote file: the page may not be framed, and no file is read as another type. */
function secureHeaders(response: HttpContext['response']) {
  response.header('content-security-policy', CONTENT_SECURITY_POLICY)
  response.header('x-frame-options', 'DENY')
  response.header('x-content-type-options', 'nosniff')
}

/**
 * Serves the built shell (with the single-page fallback) and each module's built remote before
 * the router, so these files never open a session or touch the database.
 */
export default class WebAssetsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request, response } = ctx
    const path = request.url()
    if (!['GET', 'HEAD'].includes(request.method()) || API_PATHS.test(path)) return next()

    secureHeaders(response)
    const remote = REMOTE_PATH.exec(path)
    if (remote) {
      const registry = await app.container.make('platform.modules')
      const module = registry.catalog.find(remote[1])
      const dist = module && registry.remoteDist(module)
      const file = dist ? await fileInside(dist, remote[2]) : null
      if (!file) return response.notFound('Not found')
      // Entry and manifests keep their names across builds; hashed chunks never change.
      const stable = /remoteEntry\.js$|\.json$/.test(file)
      response.header('cache-control', stable ? 'no-cache' : 'public, max-age=31536000, immutable')
      return response.download(file)
    }

    const file = path === '/' ? null : await fileInside(SHELL_DIST, path.slice(1))
    if (file) {
      response.header(
        'cache-control',
        file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'
      )
      // A sandboxed vendor module's frame (an opaque origin) loads the frame host's scripts from here.
      if (file.endsWith('.js') || file.endsWith('.css'))
        response.header('access-control-allow-origin', '*')
      return response.download(file)
    }
    // A public page's token (`/public/<module>/<token>`) may end like a file name ("….a1b2"): still a page.
    if (!path.startsWith('/public/') && /\.[a-z0-9]+$/i.test(path))
      return response.notFound('Not found')
    response.header('content-security-policy', await shellPagePolicy())
    const index = join(SHELL_DIST, 'index.html')
    if (!(await stat(index).catch(() => null))) {
      return response
        .status(503)
        .send('The shell is not built: run `npm start` from the repository root.')
    }
    response.header('cache-control', 'no-cache')
    return response.download(index)
  }
}
