import { createHash } from 'node:crypto'
import { files } from '@ia/kernel/contracts'
import type { PackageFile } from '../models/module_version.ts'

/**
 * Where a file of a version is stored: addressed by its hash under the version, so any path a build
 * produces (Vite's `_plugin-vue_export-helper-….js`) maps to a safe key, and a stored byte never changes.
 */
export function storedPath(moduleId: string, version: string, file: PackageFile) {
  const hex = createHash('sha256').update(file.hash).digest('hex')
  return `marketplace/${moduleId}/${version}/${hex}`
}

/** Stores every file of an accepted version. */
export async function storePackageFiles(
  moduleId: string,
  version: string,
  list: Record<string, PackageFile>,
  contents: Map<string, Buffer>
) {
  for (const [path, file] of Object.entries(list)) {
    await files.putShared(storedPath(moduleId, version, file), contents.get(path)!, {
      contentType: file.contentType,
    })
  }
}

/** The stored bytes of one file of a version, or null. */
export function readPackageFile(moduleId: string, version: string, file: PackageFile) {
  return files.getShared(storedPath(moduleId, version, file))
}
