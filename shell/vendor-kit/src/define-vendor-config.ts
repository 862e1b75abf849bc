import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { UserConfig } from 'vite'
import { federatedConfig, MODULE_EXPOSE_KEY } from './define-remote-config.ts'
import { checkVendorManifest, MANIFEST_FILE_NAME, vendorFilesBase } from './vendor-manifest.ts'

/** Options of `defineVendorRemoteConfig`. */
export interface VendorRemoteConfigOptions {
  /** The module's folder, holding `module.json`; defaults to the current directory. */
  root?: string
  /** Exposed modules; must contain `./module`. Defaults to `{ './module': './src/module.ts' }`. */
  exposes?: Record<string, string>
  /** Extra Vite config, deep-merged over the generated one (plugins are appended). */
  vite?: UserConfig
}

/**
 * Vite config of a vendor module: federation name `remote.name` of its `module.json`, files loaded from
 * the marketplace's immutable path of that version (`/marketplace/files/<id>/<version>/`), the shell's
 * shared singletons, and the integrity manifest.
 */
export function defineVendorRemoteConfig(options: VendorRemoteConfigOptions = {}): UserConfig {
  const root = resolve(options.root ?? process.cwd())
  const manifest = checkVendorManifest(
    JSON.parse(readFileSync(join(root, MANIFEST_FILE_NAME), 'utf8'))
  )
  const exposes = options.exposes ?? { [MODULE_EXPOSE_KEY]: './src/module.ts' }
  if (!(MODULE_EXPOSE_KEY in exposes)) {
    throw new Error(`Remote "${manifest.id}" must expose "${MODULE_EXPOSE_KEY}".`)
  }
  return federatedConfig({
    name: manifest.remote.name,
    publicBase: vendorFilesBase(manifest.id, manifest.version),
    exposes,
    vite: { root, ...options.vite },
  })
}
