import { stat } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

const SHELL_DIST = app.makePath('../shell/app/dist')
const API_PATHS = /^\/(api|health|__transmit)(\/|$)/
const REMOTE_PATH = /^\/remotes\/([a-z][a-z0-9-]*)\/(.+)$/

/** Resolves `relativePath` inside `root`, refusing anything that would leave it. */
async function fileInside(root: string, relativePath: string) {
  let decoded: string
  try {
    decoded = decodeURIComponent(relativePath)
  } catch {
    return null
  }
  const target = resolve(root, decoded)
  if (!target.startsWith(root + sep)) return null
  const info = await stat(target).catch(() => null)
  return info?.isFile() ? target : null
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
      response.header('cache-control', file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache')
      return response.download(file)
    }
    if (/\.[a-z0-9]+$/i.test(path)) return response.notFound('Not found')
    const index = join(SHELL_DIST, 'index.html')
    if (!(await stat(index).catch(() => null))) {
      return response.status(503).send('The shell is not built: run `npm start` from the repository root.')
    }
    response.header('cache-control', 'no-cache')
    return response.download(index)
  }
}
