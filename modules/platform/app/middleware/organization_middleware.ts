import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Membership from '../models/membership.ts'
import Organization from '../models/organization.ts'
import { tenantContext, notFound, isUuid } from '@ia/kernel/contracts'

/**
 * Resolves `:orgId` to an organisation the signed-in user is a member of, and runs the rest of the
 * request in that organisation's context. To anyone else the organisation does not exist: 404.
 */
export default class OrganizationMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const organizationId = String(ctx.params.orgId ?? '')
    if (!isUuid(organizationId)) throw notFound()
    const membership = await Membership.query()
      .where('organization_id', organizationId)
      .where('user_id', ctx.auth.user!.id)
      .first()
    if (!membership) throw notFound()
    ctx.membership = membership
    ctx.organization = await Organization.findOrFail(organizationId)
    return tenantContext.run(organizationId, () => next())
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    membership: Membership
    organization: Organization
  }
}
