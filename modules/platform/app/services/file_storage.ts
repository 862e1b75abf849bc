import { stat } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import { type Disk } from '@adonisjs/drive'
import { FSDriver } from '@adonisjs/drive/drivers/fs'
import type { S3DriverOptions } from '@adonisjs/drive/drivers/s3/types'
import router from '@adonisjs/core/services/router'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import {
  DomainError,
  isUuid,
  type CheckedUpload,
  type StoredFile,
  type UploadRules,
} from '@ia/kernel/contracts'

/** The route that serves the local disk's files behind signed URLs. */
export const LOCAL_FILE_ROUTE = '/api/v1/files/*'
/** What a local signed URL is signed for, so no other signed URL of the application opens a file. */
export const LOCAL_FILE_PURPOSE = 'platform.file'

/** A path inside an organisation's storage: `<module>/<name>` segments of safe characters, no `..`. */
const SAFE_PATH = /^[a-z0-9][a-z0-9_-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)+$/

/** `path` when it cannot climb out of the folder it is stored in; throws otherwise. */
function checkedPath(path: string) {
  if (
    !SAFE_PATH.test(path) ||
    path.split('/').some((segment) => segment === '..' || segment === '.')
  ) {
    throw new Error(
      `Invalid file path "${path}": use "<module>/<name>" with letters, digits, ".", "_" and "-"`
    )
  }
  return path
}

function formatBytes(bytes: number) {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
  return `${Math.ceil(bytes / 1024)} KB`
}

function isMultipartFile(file: unknown): file is MultipartFile {
  return typeof file === 'object' && file !== null && 'tmpPath' in file && 'clientName' in file
}

/**
 * Checks an upload against its rules: size first (413), then the type sniffed from its first bytes,
 * never from its name or the client's claim (422). Both errors carry the form field.
 */
export async function checkUpload(
  file: MultipartFile | Uint8Array,
  rules: UploadRules
): Promise<CheckedUpload> {
  const size = isMultipartFile(file)
    ? file.tmpPath
      ? (await stat(file.tmpPath)).size
      : file.size
    : file.byteLength
  if (size > rules.maxBytes) {
    throw new DomainError(
      'E_FILE_TOO_LARGE',
      413,
      'platform.errors.E_FILE_TOO_LARGE',
      { max: formatBytes(rules.maxBytes) },
      rules.field
    )
  }
  const sniffed = isMultipartFile(file)
    ? file.tmpPath
      ? await fileTypeFromFile(file.tmpPath)
      : undefined
    : await fileTypeFromBuffer(file)
  if (!sniffed || !rules.types.includes(sniffed.mime)) {
    const types = rules.types.map((type) => type.split('/')[1].toUpperCase()).join(', ')
    throw new DomainError(
      'E_FILE_TYPE_NOT_ALLOWED',
      422,
      'platform.errors.E_FILE_TYPE_NOT_ALLOWED',
      { types },
      rules.field
    )
  }
  return {
    contentType: sniffed.mime,
    extension: sniffed.ext,
    size,
    open: () => (isMultipartFile(file) ? createReadStream(file.tmpPath!) : file),
  }
}

/**
 * The organisation-scoped file store every module uses: keys are always `orgs/<organizationId>/<path>`,
 * built here from an organisation id and a path that cannot climb out of it, so no caller can name
 * another organisation's file. Files are private; they are read through short-lived signed URLs.
 */
export class FileStorage {
  constructor(
    readonly disk: Disk,
    private readonly options: { urlTtlSeconds: number }
  ) {}

  /** The storage key of `path` within an organisation; throws on anything that could escape it. */
  key(organizationId: string, path: string) {
    if (!isUuid(organizationId))
      throw new Error(`Invalid organisation id "${organizationId}" for a file key`)
    return `orgs/${organizationId}/${checkedPath(path)}`
  }

  /** Stores a file that belongs to no organisation (a marketplace package) under `shared/<path>`. */
  async putShared(
    path: string,
    contents: Uint8Array,
    options: { contentType: string }
  ): Promise<StoredFile> {
    const key = `shared/${checkedPath(path)}`
    await this.disk.put(key, contents, { contentType: options.contentType, visibility: 'private' })
    return { path, key, contentType: options.contentType, size: contents.byteLength }
  }

  /** A shared file's bytes, or null when there is none. */
  async getShared(path: string): Promise<Uint8Array | null> {
    const key = `shared/${checkedPath(path)}`
    if (!(await this.disk.exists(key))) return null
    return this.disk.getBytes(key)
  }

  /**
   * Stores bytes or a stream under the organisation; replaces a file of the same path. Give a stream's
   * `contentLength` when known: S3 then takes it in one request instead of buffering it.
   */
  async put(
    organizationId: string,
    path: string,
    contents: Uint8Array | Readable,
    options: { contentType: string; contentLength?: number }
  ): Promise<StoredFile> {
    const key = this.key(organizationId, path)
    const writeOptions = {
      contentType: options.contentType,
      contentLength: options.contentLength,
      visibility: 'private' as const,
    }
    if (contents instanceof Uint8Array) await this.disk.put(key, contents, writeOptions)
    else await this.disk.putStream(key, contents, writeOptions)
    const { contentLength } = await this.disk.getMetaData(key)
    return { path, key, contentType: options.contentType, size: contentLength }
  }

  /** A URL that reads the file until it expires (default: FILE_URL_TTL_SECONDS). */
  async signedUrl(
    organizationId: string,
    path: string,
    options: { expiresIn?: number; contentDisposition?: string } = {}
  ): Promise<string> {
    return this.disk.getSignedUrl(this.key(organizationId, path), {
      expiresIn: `${options.expiresIn ?? this.options.urlTtlSeconds}s`,
      ...(options.contentDisposition ? { contentDisposition: options.contentDisposition } : {}),
    })
  }

  /** The file's bytes, or null when there is no such file. */
  async get(organizationId: string, path: string): Promise<Uint8Array | null> {
    const key = this.key(organizationId, path)
    if (!(await this.disk.exists(key))) return null
    return this.disk.getBytes(key)
  }

  /** Whether the file exists. */
  async exists(organizationId: string, path: string) {
    return this.disk.exists(this.key(organizationId, path))
  }

  /** Deletes the file; deleting a missing file is not an error. */
  async delete(organizationId: string, path: string) {
    await this.disk.delete(this.key(organizationId, path))
  }

  /** Deletes every file of an organisation, once the organisation itself is gone. */
  async deleteOrganizationFiles(organizationId: string) {
    if (!isUuid(organizationId))
      throw new Error(`Invalid organisation id "${organizationId}" for a file key`)
    await this.disk.deleteAll(`orgs/${organizationId}`)
  }
}

/** The local-disk driver, whose signed URLs point at the platform's signed file route. */
export function localDiskDriver(location: string) {
  return new FSDriver({
    location,
    visibility: 'private',
    urlBuilder: {
      async generateURL() {
        throw new Error('Files are private: use a signed URL')
      },
      async generateSignedURL(key, _path, options) {
        // Built from the pattern (no route lookup); the route list is not generated as types here, so the typed signature is `never`.
        const signedUrlFor = router.urlBuilder.signedUrlFor as unknown as (
          pattern: string,
          params: Record<string, string[]>,
          options: {
            disableRouteLookup: true
            expiresIn?: string | number
            purpose: string
            qs?: Record<string, string>
          }
        ) => string
        return signedUrlFor(
          LOCAL_FILE_ROUTE,
          { '*': key.split('/') },
          {
            disableRouteLookup: true,
            expiresIn: options.expiresIn,
            purpose: LOCAL_FILE_PURPOSE,
            qs: options.contentDisposition
              ? { contentDisposition: options.contentDisposition }
              : undefined,
          }
        )
      },
    },
  })
}

/** The S3 settings of the environment. */
export type S3Settings = {
  bucket: string
  region: string
  endpoint?: string
  accessKeyId?: string
  secretAccessKey?: string
  forcePathStyle?: boolean
}

/** S3 driver options: private objects; S3-compatible endpoints get checksums only where required. */
export function s3DriverOptions(settings: S3Settings): S3DriverOptions {
  return {
    bucket: settings.bucket,
    region: settings.region,
    visibility: 'private',
    supportsACL: false,
    forcePathStyle: settings.forcePathStyle ?? false,
    ...(settings.endpoint
      ? {
          endpoint: settings.endpoint,
          // Many S3-compatible servers reject the flexible checksums the AWS SDK sends by default.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
    ...(settings.accessKeyId && settings.secretAccessKey
      ? {
          credentials: {
            accessKeyId: settings.accessKeyId,
            secretAccessKey: settings.secretAccessKey,
          },
        }
      : {}),
  }
}
