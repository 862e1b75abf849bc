import { DateTime } from 'luxon'
import { BaseModel, afterDelete, afterSave, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import Membership from './membership.ts'
import { accessCache, accessTags } from '../services/access_cache.ts'

/** A company using the platform; every domain row belongs to exactly one. */
export default class Organization extends BaseModel {
  static table = 'platform.organizations'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare name: string

  @column()
  declare legalName: string | null

  @column()
  declare rccm: string | null

  @column()
  declare idNat: string | null

  @column()
  declare nif: string | null

  @column()
  declare address: string | null

  @column()
  declare city: string | null

  @column()
  declare country: string

  @column()
  declare phone: string | null

  @column()
  declare email: string | null

  @column()
  declare defaultCurrency: string

  @column()
  declare reportingCurrency: string

  @column()
  declare locale: 'fr' | 'en'

  /** IANA time zone its dates are shown and exported in. */
  @column()
  declare timeZone: string

  @column()
  declare logoPath: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Requests in the organisation see its changes at once: the access cache reads it again. */
  @afterSave()
  @afterDelete()
  static async forgetCachedAccess(organization: Organization) {
    await accessCache.invalidateAfterCommit(
      [accessTags.organization(organization.id)],
      organization.$trx
    )
  }

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>
}
