/*
 * Opens an uploaded package (.tar.gz or .zip) into memory, refusing anything unsafe before a byte is
 * stored: the archive's size, each file's size and the total unpacked (an archive bomb stops at the
 * limit, not after inflating), entries that are not plain files (links, devices), paths with `..`,
 * absolute or otherwise odd paths, and duplicate paths. Every refusal names the entry.
 */
import { createReadStream } from 'node:fs'
import { open as openFile } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'
import type { Readable } from 'node:stream'
import tar from 'tar-stream'
import yauzl from 'yauzl'
import { marketplaceErrors } from '../errors.ts'

/** How big a package may be. */
export type PackageLimits = {
  archiveBytes: number
  fileBytes: number
  totalBytes: number
  files: number
}

/** The limits of the marketplace's uploads. */
export const PACKAGE_LIMITS: PackageLimits = {
  archiveBytes: 10 * 1024 * 1024,
  fileBytes: 5 * 1024 * 1024,
  totalBytes: 25 * 1024 * 1024,
  files: 400,
}

/** A readable path: segments of letters, digits, `.`, `_`, `-`, none starting with a dot. */
const SAFE_PATH = /^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/
const MAX_PATH = 200

/** Human sizes for the error messages. */
export function formatBytes(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024))} MB`
    : `${Math.ceil(bytes / 1024)} KB`
}

/** The path of an entry inside the package, or a refusal naming it. Folders (trailing `/`) come back without it. */
export function checkEntryPath(raw: string): string {
  const name = raw.replace(/^\.\//, '')
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name))
    throw marketplaceErrors.pathAbsolute(raw)
  if (name.split(/[/\\]/).some((segment) => segment === '..'))
    throw marketplaceErrors.pathTraversal(raw)
  const path = name.replace(/\/$/, '')
  if (path.length > MAX_PATH || !SAFE_PATH.test(path)) throw marketplaceErrors.pathInvalid(raw)
  return path
}

/** Collects the files of one archive within the limits. */
class Collector {
  readonly files = new Map<string, Buffer>()
  #total = 0

  constructor(private readonly limits: PackageLimits) {}

  /** Starts a file; refuses a duplicate or one too many. */
  start(path: string) {
    if (this.files.has(path)) throw marketplaceErrors.pathDuplicate(path)
    if (this.files.size >= this.limits.files)
      throw marketplaceErrors.tooManyFiles(this.limits.files)
  }

  /** Reads a file's bytes, stopping at the first byte over a limit. */
  async read(path: string, stream: AsyncIterable<Buffer>) {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of stream) {
      size += chunk.length
      this.#total += chunk.length
      if (size > this.limits.fileBytes)
        throw marketplaceErrors.fileTooLarge(path, formatBytes(this.limits.fileBytes))
      if (this.#total > this.limits.totalBytes)
        throw marketplaceErrors.packageUnpackedTooLarge(formatBytes(this.limits.totalBytes))
      chunks.push(chunk)
    }
    this.files.set(path, Buffer.concat(chunks))
  }
}

/** Whether a database or stream error is one of ours (a refusal) rather than a broken archive. */
function isRefusal(error: unknown) {
  return (
    typeof (error as { code?: unknown }).code === 'string' &&
    String((error as { code: string }).code).startsWith('E_PACKAGE_')
  )
}

async function readTarGz(file: string, collector: Collector) {
  const source = createReadStream(file)
  const gunzip = createGunzip()
  const extract = tar.extract()
  const fail = (error: Error) => extract.destroy(error)
  source.on('error', fail)
  gunzip.on('error', fail)
  source.pipe(gunzip).pipe(extract)
  try {
    for await (const entry of extract) {
      const path = checkEntryPath(entry.header.name)
      const type = entry.header.type ?? 'file'
      if (type === 'directory') {
        entry.resume()
        continue
      }
      if (type !== 'file' && type !== 'contiguous-file')
        throw marketplaceErrors.notAFile(entry.header.name)
      collector.start(path)
      await collector.read(path, entry as unknown as AsyncIterable<Buffer>)
    }
  } finally {
    source.destroy()
    gunzip.destroy()
  }
}

/** The Unix file type bits a zip entry made on Unix carries in its external attributes. */
const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000

function openZip(file: string) {
  // decodeStrings: false hands the raw names over, so our own path check (naming the entry) runs instead of yauzl's.
  return new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      file,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true },
      (error, zip) => (error ? reject(error) : resolve(zip))
    )
  )
}

async function readZip(file: string, collector: Collector) {
  const zip = await openZip(file)
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject)
      zip.on('end', () => resolve())
      zip.on('entry', (entry: yauzl.Entry) => {
        const handle = async () => {
          const raw = (entry.fileName as unknown as Buffer).toString('utf8')
          const path = checkEntryPath(raw)
          const mode = (entry.externalFileAttributes >>> 16) & S_IFMT
          if (raw.endsWith('/') || mode === S_IFDIR) return zip.readEntry()
          if (mode !== 0 && mode !== S_IFREG) throw marketplaceErrors.notAFile(raw)
          collector.start(path)
          // The declared size is checked before inflating; the stream count below holds whatever the header says.
          if (entry.uncompressedSize > PACKAGE_LIMITS.fileBytes)
            throw marketplaceErrors.fileTooLarge(path, formatBytes(PACKAGE_LIMITS.fileBytes))
          const stream = await new Promise<Readable>((ok, ko) =>
            zip.openReadStream(entry, (error, opened) => (error ? ko(error) : ok(opened)))
          )
          await collector.read(path, stream)
          zip.readEntry()
        }
        handle().catch(reject)
      })
      zip.readEntry()
    })
  } finally {
    zip.close()
  }
}

/** The first bytes of a file. */
async function head(file: string, length: number) {
  const handle = await openFile(file, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** Reads the package at `file` (of `size` bytes) into a map of path → bytes, or refuses it. */
export async function readPackage(
  file: string,
  size: number,
  limits: PackageLimits = PACKAGE_LIMITS
): Promise<Map<string, Buffer>> {
  if (size > limits.archiveBytes)
    throw marketplaceErrors.packageTooLarge(formatBytes(limits.archiveBytes))
  const magic = await head(file, 4)
  const collector = new Collector(limits)
  try {
    if (magic[0] === 0x1f && magic[1] === 0x8b) await readTarGz(file, collector)
    else if (magic.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
      await readZip(file, collector)
    else throw marketplaceErrors.packageFormat()
  } catch (error) {
    if (isRefusal(error)) throw error
    throw marketplaceErrors.packageCorrupt()
  }
  return collector.files
}
