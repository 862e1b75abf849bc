import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { MessagesProviderContact } from '@vinejs/vine/types'
import { stat } from 'node:fs/promises'
import semver from 'semver'
import Listing from '../models/listing.ts'
import ModuleVersion from '../models/module_version.ts'
import VendorKey from '../models/vendor_key.ts'
import type Vendor from '../models/vendor.ts'
import { marketplaceErrors } from '../errors.ts'
import { readPackage } from '../services/package_reader.ts'
import { checkPackage, type CheckedPackage } from '../services/package_checker.ts'
import { storePackageFiles } from '../services/package_files.ts'
import { marketplaceSettings } from '../services/marketplace_settings.ts'

/** The remote's pages stay under `/<module id>`. */
function checkRoutes({ manifest }: CheckedPackage) {
  const routeBase = `/${manifest.id}`
  if (manifest.remote.routeBase !== routeBase) throw marketplaceErrors.routeBase(routeBase)
  manifest.remote.navigation.forEach((item, index) => {
    if (item.path !== routeBase && !item.path.startsWith(`${routeBase}/`))
      throw marketplaceErrors.navigationPath(index, routeBase)
  })
}

/**
 * A vendor uploads a version of one of its modules. Every check runs before anything is stored;
 * the version is then stored, files and row, in one transaction that also holds the module id, so two
 * uploads of one module cannot both pass the "higher than the last" check.
 */
export class UploadVersion {
  async handle(vendor: Vendor, upload: MultipartFile, messagesProvider?: MessagesProviderContact) {
    if (vendor.status !== 'approved') throw marketplaceErrors.vendorNotApproved()
    const size = upload.tmpPath ? (await stat(upload.tmpPath)).size : upload.size
    const contents = await readPackage(upload.tmpPath!, size)
    const keys = await VendorKey.query().where('vendor_id', vendor.id).whereNull('revoked_at')
    const checked = await checkPackage(contents, {
      keys: keys.map((key) => ({ id: key.id, publicKey: key.publicKey })),
      platformVersion: marketplaceSettings().platformVersion,
      messagesProvider,
    })
    const { manifest } = checked
    if (!manifest.id.startsWith(`${vendor.prefix}-`))
      throw marketplaceErrors.manifestIdPrefix(vendor.prefix)
    checkRoutes(checked)

    return db.transaction(async (trx) => {
      await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [
        `marketplace:module:${manifest.id}`,
      ])
      let listing = await Listing.query({ client: trx }).where('module_id', manifest.id).first()
      if (listing && listing.vendorId !== vendor.id) throw marketplaceErrors.moduleTaken()
      if (listing) {
        const previous = await ModuleVersion.query({ client: trx })
          .where('listing_id', listing.id)
          .select('version')
        const last = semver.rsort(previous.map((row) => row.version))[0]
        if (last && !semver.gt(manifest.version, last))
          throw marketplaceErrors.versionNotHigher(last)
      } else {
        listing = await Listing.create(
          { vendorId: vendor.id, moduleId: manifest.id },
          { client: trx }
        )
      }
      await storePackageFiles(manifest.id, manifest.version, checked.files, contents)
      const version = await ModuleVersion.create(
        {
          listingId: listing.id,
          version: manifest.version,
          manifest,
          files: checked.files,
          scopes: manifest.scopes,
          hashList: checked.hashList,
          vendorKeyId: checked.keyId,
          vendorSignature: checked.signature,
          archiveSize: size,
          status: 'submitted',
          rolloutPercent: 100,
          rolloutOrganizations: [],
        },
        { client: trx }
      )
      return { listing, version }
    })
  }
}
