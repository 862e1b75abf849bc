import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

/** A tax group's rate (percent, decimal string) from a date, until a date for a set period such as an exemption. */
export default class TaxRate extends TenantModel {
  static table = 'invoicing.tax_rates'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare taxGroupId: string

  /** Percent, e.g. "16.0000". */
  @column()
  declare rate: string

  @column.date()
  declare validFrom: DateTime

  @column.date()
  declare validTo: DateTime | null

  @column()
  declare note: string | null

  @column()
  declare createdBy: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
