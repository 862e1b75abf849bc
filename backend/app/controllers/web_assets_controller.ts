import { stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'

const SHELL_DIST = app.makePath('../shell/app/dist')

/** Resolves `segments` inside `root`, refusing anything that would leave it. */
async function fileInside(root: string, segments: string[]) {
  const target = resolve(root, ...segments.map((segment) => decodeURIComponent(segment)))
  if (target !== root && !target.startsWith(root + sep)) return null
  const info = await stat(target).catch(() => null)
  return info?.isFile() ? target : null
}

/** Serves the built shell (with the single-page fallback) and each module's built remote. */
export default class WebAssetsController {
  async remote({ params, response }: HttpContext) {
    const registry = await app.container.make('platform.modules')
    const module = registry.catalog.find(params.moduleId)
    const dist = module && registry.remoteDist(module)
    const file = dist ? await fileInside(dist, params['*'] ?? []) : null
    if (!file) return response.notFound({ errors: [{ code: 'E_NOT_FOUND', message: 'Not found' }] })
    // Entry and manifest keep their names across builds; the hashed chunks never change.
    const stable = /remoteEntry\.js$|\.json$/.test(file)
    response.header('cache-control', stable ? 'no-cache' : 'public, max-age=31536000, immutable')
    return response.download(file)
  }

  async shell({ params, request, response }: HttpContext) {
    const segments: string[] = params['*'] ?? []
    if (segments[0] === 'api') return response.notFound({ errors: [{ code: 'E_NOT_FOUND', message: 'Not found' }] })
    const file = (segments.length && (await fileInside(SHELL_DIST, segments))) || null
    if (file) {
      const hashed = file.includes(`${sep}assets${sep}`)
      response.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      return response.download(file)
    }
    if (extname(request.url()) && segments.at(-1)?.includes('.')) {
      return response.notFound('Not found')
    }
    const index = join(SHELL_DIST, 'index.html')
    if (!(await stat(index).catch(() => null))) {
      return response.status(503).send('The shell is not built: run `npm start` from the repository root.')
    }
    response.header('cache-control', 'no-cache')
    return response.download(index)
  }
}
