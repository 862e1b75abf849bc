import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import type { Plugin, ResolvedConfig } from 'vite'

/** Name of the integrity manifest written at the root of a remote's `dist`. */
export const INTEGRITY_FILE_NAME = 'integrity.json'

/** Shape of `dist/integrity.json`: SRI hashes keyed by path relative to `dist`, with `/` separators. */
export interface IntegrityManifest {
  files: Record<string, string>
}

/** Subresource Integrity string (`sha384-<base64>`) of some bytes. */
export function sriHash(content: Uint8Array): string {
  return `sha384-${createHash('sha384').update(content).digest('base64')}`
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Hashes every file under `dir` except the integrity manifest itself, sorted by path. */
export async function computeIntegrity(dir: string): Promise<IntegrityManifest> {
  const root = resolve(dir)
  const files = await listFiles(root)
  const hashed = await Promise.all(
    files.map(async (file) => {
      const name = relative(root, file).split(sep).join('/')
      return [name, sriHash(await readFile(file))] as const
    })
  )
  const entries = hashed
    .filter(([name]) => name !== INTEGRITY_FILE_NAME)
    .sort(([a], [b]) => (a < b ? -1 : 1))
  return { files: Object.fromEntries(entries) }
}

/** Computes the manifest of `dir` and writes it to `dir/integrity.json`. */
export async function writeIntegrity(dir: string): Promise<IntegrityManifest> {
  const manifest = await computeIntegrity(dir)
  await writeFile(join(dir, INTEGRITY_FILE_NAME), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

/**
 * Vite plugin writing `integrity.json` once the build is on disk.
 *
 * It reads the files back from disk rather than from the bundle because the federation plugin rewrites
 * some chunks in its own `writeBundle` hook and copies public files outside the bundle; hashing what is
 * actually served is the only way the shell's check can match.
 */
export function remoteIntegrity(): Plugin {
  let config: ResolvedConfig | undefined
  let outDir: string | undefined
  return {
    name: 'ia:remote-integrity',
    apply: 'build',
    configResolved(resolved) {
      config = resolved
    },
    writeBundle(outputOptions) {
      outDir = outputOptions.dir ?? (config ? resolve(config.root, config.build.outDir) : undefined)
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        // Also called when the build failed, before anything was written: nothing to hash then.
        if (!outDir) return
        const dir = outDir
        outDir = undefined
        const manifest = await writeIntegrity(dir)
        config?.logger.info(
          `${INTEGRITY_FILE_NAME}: ${Object.keys(manifest.files).length} files hashed (sha384)`
        )
      },
    },
  }
}
