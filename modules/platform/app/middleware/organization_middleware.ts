import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Membership from '../models/membership.ts'
import Organization from '../models/organization.ts'
import { tenantContext, notFound, isUuid } from '@ia/kernel/contracts'
import { aliasedColumns, copyOfRow, splitRow } from '../services/joined_rows.ts'
import { accessCache, accessTags } from '../services/access_cache.ts'

let organizationColumns: string[] | undefined

/**
 * Resolves `:orgId` to an organisation the signed-in user is a member of, and runs the rest of the
 * request in that organisation's context. To anyone else the organisation does not exist: 404.
 * The membership (role, hence permissions) and the organisation are read in one query and kept in the access
 * cache, which drops them when the membership, the organisation or the user changes: a role changed or a member
 * removed takes effect on the next request.
 */
export default class OrganizationMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const organizationId = String(ctx.params.orgId ?? '')
    if (!isUuid(organizationId)) throw notFound()
    const userId = ctx.auth.user!.id
    const cached = await accessCache.remember(
      `member:${organizationId}:${userId}`,
      async () => {
        const row = await Membership.query()
          .join(
            `${Organization.table} as organization`,
            'organization.id',
            `${Membership.table}.organization_id`
          )
          .where(`${Membership.table}.organization_id`, organizationId)
          .where(`${Membership.table}.user_id`, userId)
          .select(
            `${Membership.table}.*`,
            ...(organizationColumns ??= aliasedColumns(Organization, 'organization'))
          )
          .pojo<Record<string, unknown>>()
          .first()
        if (!row) return null
        const { own, joined } = splitRow(row, 'organization')
        return {
          membership: Membership.$createFromAdapterResult(own)!,
          organization: Organization.$createFromAdapterResult(joined)!,
        }
      },
      () => [
        accessTags.membership(organizationId, userId),
        accessTags.organization(organizationId),
        accessTags.user(userId),
      ]
    )
    if (!cached) throw notFound()
    ctx.membership = copyOfRow(cached.membership)
    ctx.organization = copyOfRow(cached.organization)
    return tenantContext.run(organizationId, () => next())
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    membership: Membership
    organization: Organization
  }
}
