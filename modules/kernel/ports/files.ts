import type { Readable } from 'node:stream'
import type { MultipartFile } from '@adonisjs/core/bodyparser'

/** Where a file lives once stored, and what it is. */
export type StoredFile = { path: string; key: string; contentType: string; size: number }

/** What an upload turned out to be once checked. */
export type CheckedUpload = {
  contentType: string
  extension: string
  size: number
  /** The bytes, as a stream opened on demand (so large uploads never sit in memory). */
  open(): Readable | Uint8Array
}

/** The rules an upload must meet: the form field it came in, its size and the types its bytes may be. */
export type UploadRules = { field: string; maxBytes: number; types: string[] }

/**
 * Files of an organisation. `path` is `<module>/<name>` inside the organisation; files are private
 * and read through short-lived signed URLs.
 */
export interface FileStore {
  /** Stores bytes or a stream (give `contentLength` for a stream when known); replaces a file of the same path. */
  put(
    organizationId: string,
    path: string,
    contents: Uint8Array | Readable,
    options: { contentType: string; contentLength?: number }
  ): Promise<StoredFile>
  /** A URL that reads the file until it expires (seconds; default FILE_URL_TTL_SECONDS). */
  signedUrl(
    organizationId: string,
    path: string,
    options?: { expiresIn?: number; contentDisposition?: string }
  ): Promise<string>
  /** The file's bytes, or null when there is none. */
  get(organizationId: string, path: string): Promise<Uint8Array | null>
  /** Whether the file exists. */
  exists(organizationId: string, path: string): Promise<boolean>
  /** Deletes the file (a missing file is not an error). */
  delete(organizationId: string, path: string): Promise<void>
  /** Stores a file of the platform itself, in no organisation (a marketplace package): same paths, key `shared/<path>`. */
  putShared(
    path: string,
    contents: Uint8Array,
    options: { contentType: string }
  ): Promise<StoredFile>
  /** A shared file's bytes, or null when there is none. */
  getShared(path: string): Promise<Uint8Array | null>
  /** Checks an upload's size (413) and the type sniffed from its bytes (422), both on `rules.field`. */
  checkUpload(file: MultipartFile | Uint8Array, rules: UploadRules): Promise<CheckedUpload>
}
