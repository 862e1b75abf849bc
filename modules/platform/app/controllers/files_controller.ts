import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { DomainError, notFound } from '@ia/kernel/contracts'
import { LOCAL_FILE_PURPOSE } from '../services/file_storage.ts'

/** Serves the local disk's files to holders of a valid signed URL (S3 serves its own). */
export default class FilesController {
  async serve({ request, response, params }: HttpContext) {
    if (!request.hasValidSignature(LOCAL_FILE_PURPOSE)) {
      throw new DomainError('E_FILE_LINK_INVALID', 403, 'platform.errors.E_FILE_LINK_INVALID')
    }
    const key = (params['*'] as string[]).join('/')
    const disk = drive.use('local')
    const metadata = await disk
      .exists(key)
      .then((exists) => (exists ? disk.getMetaData(key) : null))
      .catch(() => null)
    if (!metadata) throw notFound()
    response.header('content-type', metadata.contentType ?? 'application/octet-stream')
    response.header('content-length', String(metadata.contentLength))
    response.header('cache-control', 'private, max-age=60')
    response.header('x-content-type-options', 'nosniff')
    // A stored file is never a page of this origin, whatever its bytes hold.
    response.header('content-security-policy', "default-src 'none'; sandbox")
    const disposition = request.input('contentDisposition')
    if (typeof disposition === 'string') response.header('content-disposition', disposition)
    return response.stream(await disk.getStream(key))
  }
}
