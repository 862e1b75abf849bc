import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

/** Where a rate came from. */
export const RATE_ORIGINS = ['manual', 'import', 'provider'] as const
export type RateOrigin = (typeof RATE_ORIGINS)[number]

/** One exchange rate of a day: 1 unit of `baseCurrency` = `rate` units of `quoteCurrency`. */
export default class Rate extends TenantModel {
  static table = 'currencies.rates'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare baseCurrency: string

  @column()
  declare quoteCurrency: string

  /** A decimal string as PostgreSQL's numeric hands it back, never a float. */
  @column()
  declare rate: string

  @column.date()
  declare rateDate: DateTime

  @column()
  declare source: string

  @column()
  declare origin: RateOrigin

  @column()
  declare recordedBy: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
