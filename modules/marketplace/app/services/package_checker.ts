/*
 * Checks an opened package against the marketplace's rules, in the order a vendor fixes them: the
 * required files, each file's type (extension and bytes), the manifest, the hash list (every file
 * listed, nothing unlisted, every hash matching), the Ed25519 signature over the canonical hash list
 * against the vendor's active keys. The version and ownership checks need the database: the upload
 * action runs them.
 */
import { createHash, createPublicKey, verify } from 'node:crypto'
import { errors as vineErrors } from '@vinejs/vine'
import type { MessagesProviderContact } from '@vinejs/vine/types'
import { fileTypeFromBuffer } from 'file-type'
import semver from 'semver'
import { marketplaceErrors } from '../errors.ts'
import { vendorManifestValidator, type VendorManifest } from '../validators/manifest.ts'
import type { PackageFile } from '../models/module_version.ts'

/** The files every package carries besides the remote's own. */
export const MANIFEST_FILE = 'module.json'
export const HASH_LIST_FILE = 'integrity.json'
export const SIGNATURE_FILE = 'signature.json'
/** The remote's entry, which the shell loads first. */
export const REMOTE_ENTRY = 'remoteEntry.js'

/** Allowed extensions: text ones must be UTF-8 that no binary format claims, binary ones must be what their bytes say. */
const TEXT_TYPES: Record<string, string> = {
  js: 'text/javascript',
  mjs: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
  html: 'text/html',
  svg: 'image/svg+xml',
  txt: 'text/plain',
}
const BINARY_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  woff: 'font/woff',
  woff2: 'font/woff2',
}
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'webp', 'svg'])
const SRI = /^sha384-[A-Za-z0-9+/]{64}$/

/** The SHA-384 of some bytes, in Subresource Integrity form. */
export function sri(bytes: Uint8Array) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`
}

/**
 * The text both signatures are over: one line per file, sorted by path (code-unit order),
 * `<sha384-…> <path>\n`. The vendor kit writes the same.
 */
export function canonicalHashList(hashes: Record<string, string>) {
  return Object.keys(hashes)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((path) => `${hashes[path]} ${path}\n`)
    .join('')
}

/** An Ed25519 public key (PEM, or the raw 32 bytes in base64) as SPKI PEM with its fingerprint; null when it is not one. */
export function parsePublicKey(text: string): { pem: string; fingerprint: string } | null {
  try {
    const trimmed = text.trim()
    const raw = Buffer.from(trimmed, 'base64')
    // PEM, SPKI DER in base64 (44 bytes), or the raw 32-byte key in base64 (given the SPKI prefix of Ed25519).
    const der =
      raw.length === 32 ? Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]) : raw
    const key = trimmed.startsWith('-----BEGIN')
      ? createPublicKey(trimmed)
      : createPublicKey({ key: der, format: 'der', type: 'spki' })
    if (key.asymmetricKeyType !== 'ed25519') return null
    const spki = key.export({ format: 'der', type: 'spki' })
    return {
      pem: key.export({ format: 'pem', type: 'spki' }).toString(),
      fingerprint: createHash('sha256').update(spki).digest('hex'),
    }
  } catch {
    return null
  }
}

/** Whether `signature` (base64) is an Ed25519 signature of `text` by `publicKeyPem`. */
export function verifySignature(text: string, signature: string, publicKeyPem: string) {
  try {
    return verify(
      null,
      Buffer.from(text, 'utf8'),
      createPublicKey(publicKeyPem),
      Buffer.from(signature, 'base64')
    )
  } catch {
    return false
  }
}

function extensionOf(path: string) {
  const name = path.split('/').at(-1) ?? ''
  return name.includes('.') ? name.split('.').at(-1)!.toLowerCase() : ''
}

/** The content type of a file, once its bytes prove its extension right. */
async function checkFileType(path: string, bytes: Buffer): Promise<string> {
  const extension = extensionOf(path)
  const sniffed = await fileTypeFromBuffer(bytes)
  if (extension in BINARY_TYPES) {
    if (sniffed?.mime !== BINARY_TYPES[extension]) throw marketplaceErrors.fileType(path)
    return BINARY_TYPES[extension]
  }
  if (!(extension in TEXT_TYPES)) throw marketplaceErrors.fileType(path)
  // A text file no binary format claims, whose bytes are UTF-8 (an executable or image renamed .js fails here).
  if (sniffed && !['application/xml', 'image/svg+xml'].includes(sniffed.mime))
    throw marketplaceErrors.fileType(path)
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw marketplaceErrors.fileType(path)
  }
  return TEXT_TYPES[extension]
}

function parseJson(path: string, bytes: Buffer | undefined): unknown {
  if (!bytes) throw marketplaceErrors.fileMissing(path)
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    throw marketplaceErrors.metadataInvalid(path)
  }
}

/** The manifest, or a refusal naming its first wrong field (message in the uploader's language). */
async function checkManifest(
  bytes: Buffer | undefined,
  messagesProvider?: MessagesProviderContact
): Promise<VendorManifest> {
  const data = parseJson(MANIFEST_FILE, bytes)
  try {
    return await vendorManifestValidator.validate(
      data,
      messagesProvider ? { messagesProvider } : {}
    )
  } catch (error) {
    if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
    const [first] = error.messages as { field: string; message: string }[]
    throw marketplaceErrors.manifestInvalid(first.field, first.message)
  }
}

/** A vendor key that may sign: its id and PEM. */
export type SigningKey = { id: string; publicKey: string }

/** What a package turned out to be once every check passed. */
export type CheckedPackage = {
  manifest: VendorManifest
  files: Record<string, PackageFile>
  hashList: string
  signature: string
  keyId: string
  contents: Map<string, Buffer>
}

/**
 * Checks an opened package; `keys` are the vendor's active keys, `platformVersion` the version the
 * manifest's range must include.
 */
export async function checkPackage(
  contents: Map<string, Buffer>,
  options: {
    keys: SigningKey[]
    platformVersion: string
    messagesProvider?: MessagesProviderContact
  }
): Promise<CheckedPackage> {
  const manifest = await checkManifest(contents.get(MANIFEST_FILE), options.messagesProvider)
  if (!semver.satisfies(options.platformVersion, manifest.platform, { includePrerelease: true })) {
    throw marketplaceErrors.platformRange(options.platformVersion)
  }

  const listed = parseJson(HASH_LIST_FILE, contents.get(HASH_LIST_FILE)) as { files?: unknown }
  if (
    !listed ||
    typeof listed.files !== 'object' ||
    listed.files === null ||
    Array.isArray(listed.files)
  ) {
    throw marketplaceErrors.metadataInvalid(HASH_LIST_FILE)
  }
  const hashes = listed.files as Record<string, unknown>
  for (const [path, hash] of Object.entries(hashes)) {
    if (
      typeof hash !== 'string' ||
      !SRI.test(hash) ||
      path === HASH_LIST_FILE ||
      path === SIGNATURE_FILE
    ) {
      throw marketplaceErrors.metadataInvalid(HASH_LIST_FILE)
    }
  }

  const files: Record<string, PackageFile> = {}
  for (const [path, bytes] of contents) {
    if (path === HASH_LIST_FILE || path === SIGNATURE_FILE) continue
    const contentType = await checkFileType(path, bytes)
    if (!(path in hashes)) throw marketplaceErrors.fileUnlisted(path)
    if (sri(bytes) !== hashes[path]) throw marketplaceErrors.hashMismatch(path)
    files[path] = { hash: hashes[path] as string, size: bytes.length, contentType }
  }
  for (const path of Object.keys(hashes))
    if (!contents.has(path)) throw marketplaceErrors.fileMissing(path)
  for (const path of [REMOTE_ENTRY, manifest.icon, ...manifest.screenshots]) {
    if (!files[path]) throw marketplaceErrors.fileMissing(path)
  }
  for (const path of [manifest.icon, ...manifest.screenshots]) {
    if (!IMAGE_EXTENSIONS.has(extensionOf(path))) throw marketplaceErrors.fileType(path)
  }

  const hashList = canonicalHashList(hashes as Record<string, string>)
  const signed = parseJson(SIGNATURE_FILE, contents.get(SIGNATURE_FILE)) as { signature?: unknown }
  if (typeof signed?.signature !== 'string') throw marketplaceErrors.metadataInvalid(SIGNATURE_FILE)
  const signature = signed.signature
  const key = options.keys.find((candidate) =>
    verifySignature(hashList, signature, candidate.publicKey)
  )
  if (!key) throw marketplaceErrors.signatureInvalid()
  return { manifest, files, hashList, signature, keyId: key.id, contents }
}
