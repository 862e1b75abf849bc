import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import Membership from '../models/membership.ts'
import { transferOwnershipValidator, updateMemberValidator } from '../validators/organization.ts'
import { serializeMember } from '../transformers/organization_transformer.ts'
import { auditLog } from '../services/audit_log.ts'
import { endUserSessions } from '../services/user_sessions.ts'
import { live } from '../services/live/live.ts'
import { accessCache, accessTags } from '../services/access_cache.ts'
import { DomainError, notFound, isUuid } from '@ia/kernel/contracts'

/** The members of an organisation: roles, removal, leaving and ownership. */
export default class MembersController {
  async index({ organization }: HttpContext) {
    const members = await Membership.query()
      .where('organization_id', organization.id)
      .preload('user')
      .orderBy('created_at', 'asc')
    return { data: members.map(serializeMember) }
  }

  async #target(ctx: HttpContext) {
    if (!isUuid(ctx.params.memberId)) throw notFound()
    const target = await Membership.query()
      .where('organization_id', ctx.organization.id)
      .where('id', ctx.params.memberId)
      .preload('user')
      .first()
    if (!target) throw notFound()
    return target
  }

  async update(ctx: HttpContext) {
    const target = await this.#target(ctx)
    await ctx.bouncer.with('OrganizationPolicy').authorize('manageMember', ctx.membership, target)
    const { role } = await ctx.request.validateUsing(updateMemberValidator)
    if (role !== target.role) {
      const previous = target.role
      await db.transaction(async (trx) => {
        target.useTransaction(trx)
        target.role = role
        await target.save()
        await auditLog.record(
          {
            organizationId: ctx.organization.id,
            actorId: ctx.auth.user!.id,
            action: 'member.role_changed',
            subjectType: 'user',
            subjectId: target.userId,
            metadata: { from: previous, to: role },
            ip: ctx.request.ip(),
          },
          trx
        )
      })
    }
    return { member: serializeMember(target) }
  }

  async destroy(ctx: HttpContext) {
    const target = await this.#target(ctx)
    await ctx.bouncer.with('OrganizationPolicy').authorize('manageMember', ctx.membership, target)
    await db.transaction(async (trx) => {
      await Membership.query({ client: trx })
        .where('id', target.id)
        .where('organization_id', ctx.organization.id)
        .delete()
      await accessCache.invalidateAfterCommit(
        [accessTags.membership(ctx.organization.id, target.userId)],
        trx
      )
      await auditLog.record(
        {
          organizationId: ctx.organization.id,
          actorId: ctx.auth.user!.id,
          action: 'member.removed',
          subjectType: 'user',
          subjectId: target.userId,
          metadata: { email: target.user.email },
          ip: ctx.request.ip(),
        },
        trx
      )
    })
    await endUserSessions(target.userId)
    return ctx.response.noContent()
  }

  async leave(ctx: HttpContext) {
    if (ctx.membership.role === 'owner') {
      throw new DomainError('E_OWNER_CANNOT_LEAVE', 409, 'platform.errors.E_OWNER_CANNOT_LEAVE')
    }
    await db.transaction(async (trx) => {
      // Ownership may have been handed to this member since the request began: an owner never leaves.
      const deleted = await Membership.query({ client: trx })
        .where('id', ctx.membership.id)
        .whereNot('role', 'owner')
        .delete()
      if (!Number(Array.isArray(deleted) ? deleted[0] : deleted)) {
        throw new DomainError('E_OWNER_CANNOT_LEAVE', 409, 'platform.errors.E_OWNER_CANNOT_LEAVE')
      }
      await accessCache.invalidateAfterCommit(
        [accessTags.membership(ctx.organization.id, ctx.auth.user!.id)],
        trx
      )
      await auditLog.record(
        {
          organizationId: ctx.organization.id,
          actorId: ctx.auth.user!.id,
          action: 'member.left',
          subjectType: 'user',
          subjectId: ctx.auth.user!.id,
          ip: ctx.request.ip(),
        },
        trx
      )
    })
    await live.disconnect(ctx.auth.user!.id)
    return ctx.response.noContent()
  }

  async transferOwnership(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('transferOwnership', ctx.membership)
    const { memberId } = await ctx.request.validateUsing(transferOwnershipValidator)
    const target = await Membership.query()
      .where('organization_id', ctx.organization.id)
      .where('id', memberId)
      .first()
    if (!target)
      throw new DomainError('E_NOT_A_MEMBER', 422, 'platform.errors.E_NOT_A_MEMBER', {}, 'memberId')
    if (target.id === ctx.membership.id) return ctx.response.noContent()
    await db.transaction(async (trx) => {
      // A concurrent transfer may already have moved ownership: re-check under a row lock.
      const current = await Membership.query({ client: trx })
        .where('id', ctx.membership.id)
        .forUpdate()
        .first()
      if (current?.role !== 'owner')
        throw new DomainError('E_FORBIDDEN', 403, 'platform.errors.E_FORBIDDEN')
      // The target may have left meanwhile: promoting nobody would leave the organisation ownerless.
      const stillMember = await Membership.query({ client: trx })
        .where('id', target.id)
        .where('organization_id', ctx.organization.id)
        .forUpdate()
        .first()
      if (!stillMember)
        throw new DomainError(
          'E_NOT_A_MEMBER',
          422,
          'platform.errors.E_NOT_A_MEMBER',
          {},
          'memberId'
        )
      // The unique "one owner" index forbids two owners even for an instant: demote first.
      await Membership.query({ client: trx })
        .where('id', ctx.membership.id)
        .update({ role: 'admin' })
      await Membership.query({ client: trx }).where('id', target.id).update({ role: 'owner' })
      await accessCache.invalidateAfterCommit(
        [
          accessTags.membership(ctx.organization.id, ctx.auth.user!.id),
          accessTags.membership(ctx.organization.id, target.userId),
        ],
        trx
      )
      await auditLog.record(
        {
          organizationId: ctx.organization.id,
          actorId: ctx.auth.user!.id,
          action: 'organization.ownership_transferred',
          subjectType: 'user',
          subjectId: target.userId,
          metadata: { from: ctx.auth.user!.id, to: target.userId },
          ip: ctx.request.ip(),
        },
        trx
      )
    })
    return ctx.response.noContent()
  }
}
