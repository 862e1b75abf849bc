import { federation } from '@module-federation/vite'
import vue from '@vitejs/plugin-vue'
import { mergeConfig, type UserConfig } from 'vite'
import { remoteIntegrity } from './integrity.ts'
import { HOST_SHARED } from './shared.ts'

/** Key every remote exposes; its default export declares the module (id, routes, messages). */
export const MODULE_EXPOSE_KEY = './module'

/** Options of `defineRemoteConfig`. */
export interface RemoteConfigOptions {
  /** Module id, as in the module's `module.json`: also the federation name and the folder the shell serves it from. */
  id: string
  /** Exposed modules; must contain `./module`. Defaults to `{ './module': './src/module.ts' }`. */
  exposes?: Record<string, string>
  /** Extra Vite config, deep-merged over the generated one (plugins are appended). */
  vite?: UserConfig
}

const MODULE_ID_PATTERN = /^[a-z][a-z0-9_]*$/

function hostShared() {
  return Object.fromEntries(
    HOST_SHARED.map(({ name, requiredVersion }) => [
      name,
      { singleton: true, import: false as const, requiredVersion },
    ])
  )
}

/** Vite config building a remote the shell can load: federation, shared singletons, `base` and integrity manifest. */
export function defineRemoteConfig(options: RemoteConfigOptions): UserConfig {
  const { id } = options
  if (!MODULE_ID_PATTERN.test(id)) {
    throw new Error(
      `Remote id "${id}" must match ${MODULE_ID_PATTERN} (lowercase letters, digits, underscores).`
    )
  }
  const exposes = options.exposes ?? { [MODULE_EXPOSE_KEY]: './src/module.ts' }
  if (!(MODULE_EXPOSE_KEY in exposes)) {
    throw new Error(`Remote "${id}" must expose "${MODULE_EXPOSE_KEY}".`)
  }

  return federatedConfig({ name: id, publicBase: `/remotes/${id}/`, exposes, vite: options.vite })
}

/**
 * The config shared by first-party and vendor remotes: `name` is the federation name, `publicBase` the one
 * path its files load from (where the shell checks them).
 */
export function federatedConfig(options: {
  name: string
  publicBase: string
  exposes: Record<string, string>
  vite?: UserConfig
}): UserConfig {
  const { name, publicBase, exposes } = options
  // The shell checks every file under publicBase against the signed hashes; a file loaded from anywhere
  // else (another origin, another path) would run unchecked.
  if (options.vite?.base !== undefined && options.vite.base !== publicBase) {
    throw new Error(
      `Remote "${name}" must load its files from "${publicBase}", where the shell checks them; the vite option sets base "${options.vite.base}".`
    )
  }
  if (options.vite?.experimental?.renderBuiltUrl) {
    throw new Error(
      `Remote "${name}" may not set experimental.renderBuiltUrl: its files must load from "${publicBase}", where the shell checks them.`
    )
  }

  const base: UserConfig = {
    base: publicBase,
    plugins: [
      vue(),
      federation({
        name,
        filename: 'remoteEntry.js',
        manifest: true,
        exposes,
        shared: hostShared(),
        dts: false,
      }),
      remoteIntegrity(),
    ],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      assetsDir: 'assets',
      target: 'esnext',
      // The federation plugin emits remoteEntry.js itself; without this Vite would demand an index.html.
      rolldownOptions: { input: {} },
    },
  }
  return options.vite ? mergeConfig(base, options.vite) : base
}
