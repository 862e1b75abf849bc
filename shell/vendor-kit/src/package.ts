/*
 * The package a vendor uploads to the marketplace: `module.json`, the built remote, `integrity.json` (the
 * SHA-384 of every other file) and `signature.json` (Ed25519 over the canonical hash list), in a .tar.gz.
 * The marketplace checks the same things in the same format (modules/marketplace/app/services/package_checker.ts).
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import tar from 'tar-stream'
import { INTEGRITY_FILE_NAME, sriHash } from './integrity.ts'
import {
  checkVendorManifest,
  MANIFEST_FILE_NAME,
  type VendorModuleManifest,
} from './vendor-manifest.ts'

/** The file holding the vendor's signature of the hash list. */
export const SIGNATURE_FILE_NAME = 'signature.json'

/** Files of a package by path (`/` separators), in memory. */
export type PackageFiles = Map<string, Buffer>

/** The text a vendor signs: one line per file, sorted by path in code-unit order, `<sha384-…> <path>\n`. */
export function canonicalHashList(hashes: Record<string, string>): string {
  return Object.keys(hashes)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((path) => `${hashes[path]} ${path}\n`)
    .join('')
}

/** A new Ed25519 key pair: the private key as PKCS#8 PEM (keep it secret), the public one as SPKI PEM (register it). */
export function generateVendorKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  }
}

/** An Ed25519 private key from PEM; throws saying what is wrong. */
export function parseVendorPrivateKey(pem: string): KeyObject {
  let key: KeyObject
  try {
    key = createPrivateKey(pem)
  } catch {
    throw new Error('The signing key is not a private key in PEM (run `ia-vendor keygen`).')
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`The signing key is ${key.asymmetricKeyType}, not Ed25519.`)
  return key
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
}

/**
 * The files of a package from a module's folder: its `module.json` and everything the build wrote to
 * `distDir` but hidden ones (the build's own `integrity.json` is replaced by the package's). Refuses a build the
 * marketplace would refuse: no remote entry, or an icon or screenshot the build did not ship.
 */
export async function collectPackageFiles(
  moduleDir: string,
  distDir = join(moduleDir, 'dist')
): Promise<{ manifest: VendorModuleManifest; files: PackageFiles }> {
  const manifestBytes = await readFile(join(moduleDir, MANIFEST_FILE_NAME))
  const manifest = checkVendorManifest(JSON.parse(manifestBytes.toString('utf8')))
  const files: PackageFiles = new Map([[MANIFEST_FILE_NAME, manifestBytes]])
  for (const path of await filesUnder(distDir)) {
    // Vite's own build manifest (.vite/manifest.json) is not served; the marketplace refuses hidden paths.
    if (path.split('/').some((segment) => segment.startsWith('.'))) continue
    if ([INTEGRITY_FILE_NAME, SIGNATURE_FILE_NAME, MANIFEST_FILE_NAME].includes(path)) continue
    files.set(path, await readFile(join(distDir, path)))
  }
  for (const path of ['remoteEntry.js', manifest.icon, ...manifest.screenshots]) {
    if (!files.has(path))
      throw new Error(
        `${path} is not in the build (${distDir}): put the icon and screenshots in public/`
      )
  }
  return { manifest, files }
}

/** The hash of every file but integrity.json and signature.json. */
export function hashPackage(files: PackageFiles): Record<string, string> {
  const hashes: Record<string, string> = {}
  for (const path of [...files.keys()].sort()) {
    if (path === INTEGRITY_FILE_NAME || path === SIGNATURE_FILE_NAME) continue
    hashes[path] = sriHash(files.get(path)!)
  }
  return hashes
}

/** The package's files with `integrity.json` (re)written from their bytes; any old signature is dropped. */
export function withIntegrity(files: PackageFiles): PackageFiles {
  const next = new Map(files)
  next.delete(SIGNATURE_FILE_NAME)
  next.set(
    INTEGRITY_FILE_NAME,
    Buffer.from(`${JSON.stringify({ files: hashPackage(files) }, null, 2)}\n`)
  )
  return next
}

/**
 * Checks that `integrity.json` names exactly the package's files with their current hashes; returns the
 * list. A package changed after packing is refused here rather than signed.
 */
export function verifyIntegrity(files: PackageFiles): Record<string, string> {
  const raw = files.get(INTEGRITY_FILE_NAME)
  if (!raw) throw new Error(`${INTEGRITY_FILE_NAME} is missing: run \`ia-vendor pack\` first`)
  const listed =
    (JSON.parse(raw.toString('utf8')) as { files?: Record<string, string> }).files ?? {}
  const actual = hashPackage(files)
  for (const path of Object.keys(actual)) {
    if (!(path in listed)) throw new Error(`${path} is not listed in ${INTEGRITY_FILE_NAME}`)
    if (listed[path] !== actual[path])
      throw new Error(`${path} does not match its hash in ${INTEGRITY_FILE_NAME}`)
  }
  for (const path of Object.keys(listed))
    if (!(path in actual))
      throw new Error(`${path} is listed in ${INTEGRITY_FILE_NAME} but missing`)
  return listed
}

/** Signs the package's hash list with the vendor's key, after checking it; the files with `signature.json`. */
export function signPackage(files: PackageFiles, privateKey: KeyObject): PackageFiles {
  const hashList = canonicalHashList(verifyIntegrity(files))
  const signature = sign(null, Buffer.from(hashList, 'utf8'), privateKey).toString('base64')
  const signed = new Map(files)
  signed.set(SIGNATURE_FILE_NAME, Buffer.from(`${JSON.stringify({ signature }, null, 2)}\n`))
  return signed
}

/** Whether the package's signature verifies against `publicKeyPem` (and its hashes against its files). */
export function verifyPackageSignature(files: PackageFiles, publicKeyPem: string): boolean {
  const raw = files.get(SIGNATURE_FILE_NAME)
  if (!raw) return false
  const { signature } = JSON.parse(raw.toString('utf8')) as { signature?: string }
  if (typeof signature !== 'string') return false
  return verify(
    null,
    Buffer.from(canonicalHashList(verifyIntegrity(files)), 'utf8'),
    createPublicKey(publicKeyPem),
    Buffer.from(signature, 'base64')
  )
}

/** A .tar.gz of the files, at its root, sorted by path, with fixed dates (the same files give the same bytes). */
export async function writeTarGz(files: PackageFiles): Promise<Buffer> {
  const pack = tar.pack()
  for (const path of [...files.keys()].sort()) {
    const data = files.get(path)!
    pack.entry({ name: path, size: data.length, mode: 0o644, mtime: new Date(0) }, data)
  }
  pack.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of pack) chunks.push(chunk as Buffer)
  return gzipSync(Buffer.concat(chunks), { level: 9 })
}

/** The files of a .tar.gz written by `writeTarGz` (plain files only). */
export async function readTarGz(archive: Buffer): Promise<PackageFiles> {
  const extract = tar.extract()
  const files: PackageFiles = new Map()
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = []
      for await (const chunk of entry) chunks.push(chunk as Buffer)
      if (entry.header.type !== 'file') throw new Error(`${entry.header.name} is not a plain file`)
      files.set(entry.header.name.replace(/^\.\//, ''), Buffer.concat(chunks))
    }
  })()
  extract.end(gunzipSync(archive))
  await done
  return files
}

/** The archive's name for a manifest: `<id>-<version>.tar.gz`. */
export function packageFileName(manifest: Pick<VendorModuleManifest, 'id' | 'version'>): string {
  return `${manifest.id}-${manifest.version}.tar.gz`
}
