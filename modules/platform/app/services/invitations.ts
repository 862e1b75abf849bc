import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Invitation from '../models/invitation.ts'
import Membership from '../models/membership.ts'
import type User from '../models/user.ts'
import { auditLog } from './audit_log.ts'
import { createOneTimeToken, hashToken } from './one_time_token.ts'
import { platformMailer } from './platform_mailer.ts'
import { DomainError } from '@ia/kernel/contracts'

/** How long an invitation link stays valid, from its last sending. */
export const INVITATION_DAYS = 7
/** How long an admin waits before sending the same invitation again: a mailbox is not flooded by impatient clicks. */
export const INVITATION_RESEND_MINUTES = 5

const invalid = (field?: string) =>
  new DomainError('E_INVITATION_INVALID', 404, 'platform.errors.E_INVITATION_INVALID', {}, field)

/** Invitations: finding a pending one by its link, accepting it, and sending it again. */
export const invitations = {
  /** The pending invitation of a link's token, with its organisation; a 404 when unknown, used or expired. */
  async findPending(token: unknown, field?: string) {
    if (typeof token !== 'string' || token.length > 200) throw invalid(field)
    const invitation = await Invitation.query()
      .where('token_hash', hashToken(token))
      .whereNull('accepted_at')
      .where('expires_at', '>', DateTime.now().toSQL()!)
      .preload('organization')
      .first()
    if (!invitation) throw invalid(field)
    return invitation
  },

  /** Makes `user` a member with the invitation's role and marks it used, in `trx`; the audit log says who joined. */
  async accept(
    invitation: Invitation,
    user: User,
    ip: string | null,
    trx: TransactionClientContract
  ) {
    const locked = await Invitation.query({ client: trx })
      .where('id', invitation.id)
      .whereNull('accepted_at')
      .forUpdate()
      .first()
    if (!locked) throw invalid()
    // Two invitations to the same organisation accepted at once: the second must see the first's membership.
    await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [
      `membership:${invitation.organizationId}:${user.id}`,
    ])
    const existing = await Membership.query({ client: trx })
      .where('organization_id', invitation.organizationId)
      .where('user_id', user.id)
      .first()
    if (existing) throw new DomainError('E_ALREADY_MEMBER', 422, 'platform.errors.E_ALREADY_MEMBER')
    locked.acceptedAt = DateTime.now()
    await locked.useTransaction(trx).save()
    await Membership.create(
      { organizationId: invitation.organizationId, userId: user.id, role: invitation.role },
      { client: trx }
    )
    await auditLog.record(
      {
        organizationId: invitation.organizationId,
        actorId: user.id,
        action: 'member.joined',
        subjectType: 'user',
        subjectId: user.id,
        metadata: { role: invitation.role, invitationId: invitation.id },
        ip,
      },
      trx
    )
  },

  /**
   * Sends a pending invitation again with a new link (the old one stops working) valid another
   * INVITATION_DAYS; a 429 when it was sent less than INVITATION_RESEND_MINUTES ago.
   */
  async resend(
    invitation: Invitation,
    organization: { id: string; name: string; locale: string },
    actor: User,
    ip: string | null,
    trx: TransactionClientContract
  ) {
    const locked = await Invitation.query({ client: trx })
      .where('id', invitation.id)
      .whereNull('accepted_at')
      .forUpdate()
      .firstOrFail()
    const lastSent = locked.lastSentAt ?? locked.createdAt
    const nextAllowed = lastSent.plus({ minutes: INVITATION_RESEND_MINUTES })
    if (nextAllowed > DateTime.now()) {
      const minutes = Math.max(1, Math.ceil(nextAllowed.diffNow('minutes').minutes))
      throw new DomainError(
        'E_INVITATION_RESEND_TOO_SOON',
        429,
        'platform.errors.E_INVITATION_RESEND_TOO_SOON',
        { minutes, seconds: Math.max(1, Math.ceil(nextAllowed.diffNow('seconds').seconds)) }
      )
    }
    const { token, hash } = createOneTimeToken()
    locked.merge({
      tokenHash: hash,
      lastSentAt: DateTime.now(),
      expiresAt: DateTime.now().plus({ days: INVITATION_DAYS }),
    })
    await locked.useTransaction(trx).save()
    await auditLog.record(
      {
        organizationId: organization.id,
        actorId: actor.id,
        action: 'invitation.resent',
        subjectType: 'invitation',
        subjectId: locked.id,
        metadata: { email: locked.email },
        ip,
      },
      trx
    )
    await platformMailer.sendInvitation(
      { email: locked.email, locale: organization.locale },
      organization,
      actor,
      token,
      trx
    )
    return locked
  },
}
