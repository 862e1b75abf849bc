import type { Readable } from 'node:stream'
import app from '@adonisjs/core/services/app'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { CheckedUpload, FileStore, UploadRules } from '@ia/kernel/contracts'
import { checkUpload } from '../app/services/file_storage.ts'

const storage = () => app.container.make('platform.files')

/**
 * Files of an organisation, on S3 or the local disk depending on configuration. `path` is
 * `<module>/<name>` inside the organisation (the key `orgs/<organizationId>/<path>` is built here);
 * files are private and read through short-lived signed URLs.
 */
export const files: FileStore = {
  /** Stores bytes or a stream (give `contentLength` for a stream when known); replaces a file of the same path. */
  async put(
    organizationId: string,
    path: string,
    contents: Uint8Array | Readable,
    options: { contentType: string; contentLength?: number }
  ) {
    return (await storage()).put(organizationId, path, contents, options)
  },
  /** A URL that reads the file until it expires (seconds; default FILE_URL_TTL_SECONDS). */
  async signedUrl(
    organizationId: string,
    path: string,
    options?: { expiresIn?: number; contentDisposition?: string }
  ) {
    return (await storage()).signedUrl(organizationId, path, options)
  },
  /** The file's bytes, or null when there is none. */
  async get(organizationId: string, path: string) {
    return (await storage()).get(organizationId, path)
  },
  /** Whether the file exists. */
  async exists(organizationId: string, path: string) {
    return (await storage()).exists(organizationId, path)
  },
  /** Deletes the file (a missing file is not an error). */
  async delete(organizationId: string, path: string) {
    return (await storage()).delete(organizationId, path)
  },
  /** Stores a file of the platform itself, in no organisation, under `shared/<path>`. */
  async putShared(path: string, contents: Uint8Array, options: { contentType: string }) {
    return (await storage()).putShared(path, contents, options)
  },
  /** A shared file's bytes, or null when there is none. */
  async getShared(path: string) {
    return (await storage()).getShared(path)
  },
  /** Checks an upload's size (413) and the type sniffed from its bytes (422), both on `rules.field`. */
  checkUpload(file: MultipartFile | Uint8Array, rules: UploadRules): Promise<CheckedUpload> {
    return checkUpload(file, rules)
  },
}
