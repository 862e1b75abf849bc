import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** One Ed25519 public key a vendor signs its packages with; revoked keys sign nothing new. */
export default class VendorKey extends BaseModel {
  static table = 'marketplace.vendor_keys'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare vendorId: string

  @column()
  declare name: string

  /** SPKI PEM. */
  @column()
  declare publicKey: string

  /** SHA-256 of the key's DER encoding, hex. */
  @column()
  declare fingerprint: string

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
