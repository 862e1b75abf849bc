import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

/** A vendor module installed in an organisation, pinned to one version, with the scopes its admin consented to. */
export default class Install extends TenantModel {
  static table = 'marketplace.installs'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare listingId: string

  @column()
  declare versionId: string

  @column()
  declare scopes: string[]

  @column()
  declare enabled: boolean

  @column()
  declare installedBy: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
