import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { VendorManifest } from '../validators/manifest.ts'

/** Where an uploaded version stands in review. */
export type VersionStatus = 'submitted' | 'approved' | 'rejected'

/** A file of a stored version: its SHA-384 (SRI form) and size in bytes. */
export type PackageFile = { hash: string; size: number; contentType: string }

/**
 * One uploaded version of a vendor module. What the upload stored (manifest, files, hashes, the
 * vendor's signature) never changes (a database trigger refuses it); review adds its decision and the
 * marketplace's counter-signature, roll-out settings and withdrawal.
 */
export default class ModuleVersion extends BaseModel {
  static table = 'marketplace.versions'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare listingId: string

  @column()
  declare version: string

  @column({ prepare: (value) => JSON.stringify(value) })
  declare manifest: VendorManifest

  @column({ prepare: (value) => JSON.stringify(value) })
  declare files: Record<string, PackageFile>

  @column()
  declare scopes: string[]

  /** The canonical list the signatures are over. */
  @column()
  declare hashList: string

  @column()
  declare vendorKeyId: string

  @column()
  declare vendorSignature: string

  @column()
  declare archiveSize: number

  @column()
  declare status: VersionStatus

  @column()
  declare reviewReason: string | null

  @column()
  declare reviewedBy: string | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @column()
  declare marketplaceSignature: string | null

  /** Share of organisations (0-100, picked by a stable hash of their id) the version is offered to. */
  @column()
  declare rolloutPercent: number

  /** Organisations it is offered to whatever the percentage. */
  @column()
  declare rolloutOrganizations: string[]

  /** Rolled back: offered to nobody, and installs moved back to the previous version. */
  @column.dateTime()
  declare withdrawnAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
