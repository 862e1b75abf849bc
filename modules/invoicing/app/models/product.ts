import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

/** Whether a catalogue entry is a product or a service. */
export const PRODUCT_KINDS = ['product', 'service'] as const
export type ProductKind = (typeof PRODUCT_KINDS)[number]

/** A product or service of the organisation's catalogue, with its price and default tax group. */
export default class Product extends TenantModel {
  static table = 'invoicing.products'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare kind: ProductKind

  @column()
  declare code: string

  @column()
  declare nameFr: string

  @column()
  declare nameEn: string

  @column()
  declare unit: string

  /** Minor units of `currency` (bigint, read as a string). */
  @column()
  declare priceMinor: string

  @column()
  declare currency: string

  @column()
  declare taxGroup: string

  @column.dateTime()
  declare archivedAt: DateTime | null

  /** Made by the sample data, and removed with it. */
  @column()
  declare sample: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
