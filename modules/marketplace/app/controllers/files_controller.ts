import type { HttpContext } from '@adonisjs/core/http'
import { notFound } from '@ia/kernel/contracts'
import Listing from '../models/listing.ts'
import ModuleVersion from '../models/module_version.ts'
import VendorKey from '../models/vendor_key.ts'
import { readFile } from 'node:fs/promises'
import { frameDocument } from '../services/frame_document.ts'
import { readPackageFile } from '../services/package_files.ts'
import { sri } from '../services/package_checker.ts'
import { marketplacePublicKey, marketplaceSettings } from '../services/marketplace_settings.ts'
import { filesBase } from '../services/vendor_modules.ts'

/** An approved version still offered (not rolled back), by module id and version, or 404. */
async function servedVersion(moduleId: string, versionText: string) {
  const listing = await Listing.findBy('moduleId', moduleId)
  if (!listing) throw notFound()
  const version = await ModuleVersion.query()
    .where('listing_id', listing.id)
    .where('version', versionText)
    .where('status', 'approved')
    .whereNull('withdrawn_at')
    .first()
  if (!version) throw notFound()
  return { listing, version }
}

/**
 * The files of approved vendor modules, under an immutable versioned path, and the signed hash list the
 * shell checks each of them against. Public (the catalogue shows approved modules to every organisation,
 * and the sandboxed iframe's origin has no session); a stored file that no longer matches its hash is
 * not served.
 */
export default class FilesController {
  async file(ctx: HttpContext) {
    const { version } = await servedVersion(ctx.params.moduleId, ctx.params.version)
    const path = (ctx.params['*'] as string[]).join('/')
    const file = Object.hasOwn(version.files, path) ? version.files[path] : undefined
    if (!file) throw notFound()
    const bytes = await readPackageFile(ctx.params.moduleId, version.version, file)
    if (!bytes || sri(bytes) !== file.hash) throw notFound()
    ctx.response.header(
      'content-type',
      file.contentType.startsWith('text/') || file.contentType === 'application/json'
        ? `${file.contentType}; charset=utf-8`
        : file.contentType
    )
    ctx.response.header('cache-control', 'public, max-age=31536000, immutable')
    // The sandboxed iframe loads them as module scripts from another origin.
    ctx.response.header('access-control-allow-origin', '*')
    return ctx.response.send(Buffer.from(bytes))
  }

  /** The sandboxed iframe's document of a version, with its Content-Security-Policy (see services/frame_document.ts). */
  async frame(ctx: HttpContext) {
    const { listing, version } = await servedVersion(ctx.params.moduleId, ctx.params.version)
    const hostPage = await readFile(marketplaceSettings().frameDocument, 'utf8').catch(() => null)
    if (hostPage === null) {
      return ctx.response
        .status(503)
        .send('The shell is not built: run `npm start` from the repository root.')
    }
    const origin = new URL(ctx.request.completeUrl()).origin
    const { html, policy } = frameDocument(
      hostPage,
      origin,
      filesBase(listing.moduleId, version.version),
      {
        moduleId: listing.moduleId,
        version: version.version,
        files: version.files,
        hosts: version.manifest.hosts ?? [],
      }
    )
    ctx.response.header('content-security-policy', policy)
    // The shell frames it; nothing else may.
    ctx.response.header('x-frame-options', 'SAMEORIGIN')
    ctx.response.header('referrer-policy', 'no-referrer')
    ctx.response.header('cache-control', 'no-cache')
    ctx.response.header('content-type', 'text/html; charset=utf-8')
    return ctx.response.send(html)
  }

  async signatures(ctx: HttpContext) {
    const { listing, version } = await servedVersion(ctx.params.moduleId, ctx.params.version)
    const key = await VendorKey.findOrFail(version.vendorKeyId)
    ctx.response.header('cache-control', 'public, max-age=31536000, immutable')
    ctx.response.header('access-control-allow-origin', '*')
    return {
      moduleId: listing.moduleId,
      version: version.version,
      files: Object.fromEntries(
        Object.entries(version.files).map(([path, file]) => [path, file.hash])
      ),
      hashList: version.hashList,
      vendorSignature: version.vendorSignature,
      vendorPublicKey: key.publicKey,
      marketplaceSignature: version.marketplaceSignature,
      marketplacePublicKey: marketplacePublicKey(),
    }
  }
}
