import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { TenantModel } from '@ia/kernel/contracts'

/** An organisation's account at its mobile-money gateway; the secret key is stored encrypted and never shown. */
export default class GatewaySettings extends TenantModel {
  static table = 'payments.gateway_settings'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare gateway: 'unipesa'

  @column()
  declare baseUrl: string

  @column()
  declare publicId: string

  @column()
  declare merchantId: string

  @column({ serializeAs: null })
  declare secretKeyEncrypted: string

  /** The gateway's provider ids the organisation offers its customers. */
  @column({ prepare: (value: number[]) => JSON.stringify(value) })
  declare enabledProviders: number[]

  @column()
  declare enabled: boolean

  @column()
  declare updatedBy: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
