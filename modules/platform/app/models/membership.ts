import { DateTime } from 'luxon'
import { BaseModel, afterDelete, afterSave, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from './user.ts'
import Organization from './organization.ts'
import { accessCache, accessTags } from '../services/access_cache.ts'

/** The roles a member can hold, from most to least powerful. */
export const ROLES = ['owner', 'admin', 'member'] as const
export type Role = (typeof ROLES)[number]

/** A user's place in an organisation, with a role. */
export default class Membership extends BaseModel {
  static table = 'platform.memberships'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organizationId: string

  @column()
  declare userId: string

  @column()
  declare role: Role

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  /** A changed role or a removal applies to the member's next request: the access cache reads the membership again. */
  @afterSave()
  @afterDelete()
  static async forgetCachedAccess(membership: Membership) {
    await accessCache.invalidateAfterCommit(
      [accessTags.membership(membership.organizationId, membership.userId)],
      membership.$trx
    )
  }

  /** Owners and admins manage the organisation. */
  get isAdmin() {
    return this.role === 'owner' || this.role === 'admin'
  }
}
