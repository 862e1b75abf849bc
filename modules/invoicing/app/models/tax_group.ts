import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '@ia/kernel/contracts'
import TaxRate from './tax_rate.ts'

/** The DGI's tax group letters, A to P. */
export const TAX_GROUP_CODES = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
] as const
export type TaxGroupCode = (typeof TAX_GROUP_CODES)[number]

/** One of the organisation's DGI tax groups; its rates change by date (`TaxRate`). */
export default class TaxGroup extends TenantModel {
  static table = 'invoicing.tax_groups'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare code: TaxGroupCode

  @column()
  declare labelFr: string

  @column()
  declare labelEn: string

  @hasMany(() => TaxRate)
  declare rates: HasMany<typeof TaxRate>
}
