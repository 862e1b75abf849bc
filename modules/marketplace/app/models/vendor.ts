import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Where a vendor profile stands: waiting for a platform administrator, approved, or rejected. */
export type VendorStatus = 'pending' | 'approved' | 'rejected'

/** A company or person that publishes modules on the marketplace; one profile per user. */
export default class Vendor extends BaseModel {
  static table = 'marketplace.vendors'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: string

  @column()
  declare name: string

  @column()
  declare prefix: string

  @column()
  declare email: string

  @column()
  declare website: string | null

  @column()
  declare status: VendorStatus

  /** Audited vendors' modules run in the page like the platform's own; the others in a sandboxed iframe. */
  @column()
  declare audited: boolean

  @column()
  declare reviewReason: string | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
