import { fileURLToPath } from 'node:url'
import { build, type Plugin, type ResolvedConfig } from 'vite'

const entry = fileURLToPath(new URL('../src/sw/sw.ts', import.meta.url))

// Bundled on its own as a classic script: a service worker must not share chunks with the page or be touched by federation.
async function bundleServiceWorker(mode: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    mode,
    build: {
      write: false,
      minify: mode === 'production',
      lib: { entry, formats: ['iife'], name: 'iaShellServiceWorker', fileName: () => 'sw.js' },
    },
  })
  const results = Array.isArray(output) ? output : [output]
  for (const result of results) {
    if (!('output' in result)) continue
    const chunk = result.output.find((item) => item.type === 'chunk')
    if (chunk && chunk.type === 'chunk') return chunk.code
  }
  throw new Error('The service worker bundle produced no code')
}

/** Serves `/sw.js` in development and emits it at the root of the build, next to index.html. */
export function shellServiceWorker(): Plugin {
  let config: ResolvedConfig
  return {
    name: 'ia-shell-service-worker',
    configResolved(resolved) {
      config = resolved
    },
    configureServer(server) {
      server.middlewares.use('/sw.js', (_request, response, next) => {
        bundleServiceWorker('development').then((code) => {
          response.setHeader('Content-Type', 'text/javascript; charset=utf-8')
          response.setHeader('Cache-Control', 'no-store')
          response.end(code)
        }, next)
      })
    },
    async generateBundle() {
      if (config.command !== 'build') return
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: await bundleServiceWorker(config.mode),
      })
    },
  }
}
