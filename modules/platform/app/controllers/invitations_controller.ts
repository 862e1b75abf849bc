import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import Invitation from '../models/invitation.ts'
import Membership from '../models/membership.ts'
import User from '../models/user.ts'
import { createInvitationValidator } from '../validators/organization.ts'
import {
  serializeInvitation,
  serializeInvitationPreview,
  serializeOrganizationMembership,
} from '../transformers/organization_transformer.ts'
import { auditLog } from '../services/audit_log.ts'
import { createOneTimeToken } from '../services/one_time_token.ts'
import { platformMailer } from '../services/platform_mailer.ts'
import { INVITATION_DAYS, invitations } from '../services/invitations.ts'
import { DomainError, notFound, isUuid } from '@ia/kernel/contracts'

/** Inviting people by email, and accepting an invitation. */
export default class InvitationsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const pending = await Invitation.query()
      .where('organization_id', ctx.organization.id)
      .whereNull('accepted_at')
      .where('expires_at', '>', DateTime.now().toSQL()!)
      .orderBy('created_at', 'desc')
    return { data: pending.map(serializeInvitation) }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    const { email, role } = await ctx.request.validateUsing(createInvitationValidator)
    const normalizedEmail = email.toLowerCase()
    const existingUser = await User.findByEmail(normalizedEmail)
    if (existingUser) {
      const member = await Membership.query()
        .where('organization_id', ctx.organization.id)
        .where('user_id', existingUser.id)
        .first()
      if (member)
        throw new DomainError(
          'E_ALREADY_MEMBER',
          422,
          'platform.errors.E_ALREADY_MEMBER',
          {},
          'email'
        )
    }
    const { token, hash } = createOneTimeToken()
    const invitation = await db.transaction(async (trx) => {
      await Invitation.query({ client: trx })
        .where('organization_id', ctx.organization.id)
        .where('email', normalizedEmail)
        .whereNull('accepted_at')
        .delete()
      const created = await Invitation.create(
        {
          organizationId: ctx.organization.id,
          email: normalizedEmail,
          role,
          tokenHash: hash,
          invitedById: ctx.auth.user!.id,
          expiresAt: DateTime.now().plus({ days: INVITATION_DAYS }),
        },
        { client: trx }
      )
      await auditLog.record(
        {
          organizationId: ctx.organization.id,
          actorId: ctx.auth.user!.id,
          action: 'invitation.created',
          subjectType: 'invitation',
          subjectId: created.id,
          metadata: { email: normalizedEmail, role },
          ip: ctx.request.ip(),
        },
        trx
      )
      await platformMailer.sendInvitation(
        { email: normalizedEmail, locale: existingUser?.locale ?? ctx.organization.locale },
        { id: ctx.organization.id, name: ctx.organization.name },
        ctx.auth.user!,
        token,
        trx
      )
      return created
    })
    return ctx.response.created({ invitation: serializeInvitation(invitation) })
  }

  async destroy(ctx: HttpContext) {
    const invitation = await this.#ofOrganization(ctx)
    await db.transaction(async (trx) => {
      await Invitation.query({ client: trx }).where('id', invitation.id).delete()
      await auditLog.record(
        {
          organizationId: ctx.organization.id,
          actorId: ctx.auth.user!.id,
          action: 'invitation.deleted',
          subjectType: 'invitation',
          subjectId: invitation.id,
          metadata: { email: invitation.email },
          ip: ctx.request.ip(),
        },
        trx
      )
    })
    return ctx.response.noContent()
  }

  /** A pending invitation of the caller's organisation, for its admins; 404 for any other id. */
  async #ofOrganization(ctx: HttpContext) {
    await ctx.bouncer.with('OrganizationPolicy').authorize('administer', ctx.membership)
    if (!isUuid(ctx.params.invitationId)) throw notFound()
    const invitation = await Invitation.query()
      .where('organization_id', ctx.organization.id)
      .where('id', ctx.params.invitationId)
      .whereNull('accepted_at')
      .first()
    if (!invitation) throw notFound()
    return invitation
  }

  async resend(ctx: HttpContext) {
    const invitation = await this.#ofOrganization(ctx)
    try {
      const sent = await db.transaction((trx) =>
        invitations.resend(invitation, ctx.organization, ctx.auth.user!, ctx.request.ip(), trx)
      )
      return { invitation: serializeInvitation(sent) }
    } catch (error) {
      if (error instanceof DomainError && error.code === 'E_INVITATION_RESEND_TOO_SOON') {
        ctx.response.header('retry-after', String(error.data.seconds))
      }
      throw error
    }
  }

  async show({ params }: HttpContext) {
    const invitation = await invitations.findPending(params.token)
    return { invitation: serializeInvitationPreview(invitation) }
  }

  async accept(ctx: HttpContext) {
    const invitation = await invitations.findPending(ctx.params.token)
    const user = ctx.auth.user!
    if (invitation.email !== user.email.toLowerCase()) {
      throw new DomainError(
        'E_INVITATION_OTHER_EMAIL',
        403,
        'platform.errors.E_INVITATION_OTHER_EMAIL',
        { email: invitation.email }
      )
    }
    await db.transaction((trx) => invitations.accept(invitation, user, ctx.request.ip(), trx))
    return {
      organization: serializeOrganizationMembership({
        organizationId: invitation.organizationId,
        organization: invitation.organization,
        role: invitation.role,
      }),
    }
  }
}
