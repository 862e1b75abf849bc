import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A module's state in one organisation: installed once, then enabled or disabled. */
export default class OrganizationModule extends BaseModel {
  static table = 'platform.organization_modules'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare moduleId: string

  @column()
  declare enabled: boolean

  @column.dateTime()
  declare installedAt: DateTime

  @column.dateTime()
  declare enabledAt: DateTime | null

  @column.dateTime()
  declare disabledAt: DateTime | null
}
