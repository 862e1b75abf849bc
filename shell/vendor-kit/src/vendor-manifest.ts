import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** What the kit reads of a vendor module's `module.json` (the marketplace checks the rest on upload). */
export interface VendorModuleManifest {
  id: string
  version: string
  icon: string
  screenshots: string[]
  remote: { name: string; routeBase: string }
  hosts?: string[]
  [field: string]: unknown
}

/** The name of a vendor module's manifest, at the root of its project and of its package. */
export const MANIFEST_FILE_NAME = 'module.json'

/** `<prefix>-<name>`: the vendor's prefix, then the module's name (as the marketplace requires). */
export const VENDOR_MODULE_ID = /^[a-z][a-z0-9]{1,19}-[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/
const REMOTE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,60}$/

/** Where the marketplace serves a version's files, the one base its build may use. */
export function vendorFilesBase(id: string, version: string): string {
  return `/marketplace/files/${id}/${version}/`
}

/** Checks the fields the build and the package depend on; throws naming the first wrong one. */
export function checkVendorManifest(data: unknown): VendorModuleManifest {
  const manifest = data as Partial<VendorModuleManifest> | null
  const wrong = (field: string, rule: string) =>
    new Error(`${MANIFEST_FILE_NAME}: "${field}" ${rule}`)
  if (typeof manifest !== 'object' || manifest === null) throw wrong('(root)', 'must be an object')
  if (typeof manifest.id !== 'string' || !VENDOR_MODULE_ID.test(manifest.id))
    throw wrong('id', `must be "<prefix>-<name>" (${VENDOR_MODULE_ID})`)
  if (typeof manifest.version !== 'string' || !SEMVER.test(manifest.version))
    throw wrong('version', 'must be a semantic version such as 1.0.0')
  if (typeof manifest.icon !== 'string') throw wrong('icon', 'must name a file of the package')
  if (!Array.isArray(manifest.screenshots)) throw wrong('screenshots', 'must be a list of files')
  if (typeof manifest.remote?.name !== 'string' || !REMOTE_NAME.test(manifest.remote.name))
    throw wrong('remote.name', `must match ${REMOTE_NAME}`)
  if (manifest.remote.routeBase !== `/${manifest.id}`)
    throw wrong('remote.routeBase', `must be "/${manifest.id}"`)
  return manifest as VendorModuleManifest
}

/** Reads and checks `<dir>/module.json`. */
export async function readVendorManifest(dir: string): Promise<VendorModuleManifest> {
  const path = join(dir, MANIFEST_FILE_NAME)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    throw new Error(`${path} not found: a vendor module keeps its manifest at its root`)
  }
  try {
    return checkVendorManifest(JSON.parse(text))
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error(`${path} is not valid JSON: ${error.message}`)
    throw error
  }
}
