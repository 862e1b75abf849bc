import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

/** A line of a document: a product or free text, its quantity, price, discount and tax group. */
export default class DocumentLine extends TenantModel {
  static table = 'invoicing.document_lines'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare documentId: string

  @column()
  declare position: number

  @column()
  declare productId: string | null

  @column()
  declare description: string

  /** Decimal string. */
  @column()
  declare quantity: string

  @column()
  declare unit: string | null

  /** Decimal string of the document's currency, tax excluded. */
  @column()
  declare unitPrice: string

  @column()
  declare discountPercent: string | null

  @column()
  declare discountAmount: string | null

  @column()
  declare taxGroup: string

  @column()
  declare taxRate: string

  @column()
  declare grossMinor: string

  @column()
  declare discountMinor: string

  @column()
  declare netMinor: string
}
