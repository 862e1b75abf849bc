import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DomainError } from '@ia/kernel/contracts'
import User from '../models/user.ts'
import Membership from '../models/membership.ts'
import Organization from '../models/organization.ts'
import { jobs } from '../../contracts/jobs.ts'
import { auditLog } from './audit_log.ts'
import { auditUserEvent, endUserSessions } from './user_sessions.ts'
import { userTokens } from './user_tokens.ts'
import { platformMailer } from './platform_mailer.ts'

const UNIQUE_VIOLATION = '23505'

/** The job that deletes the stored files of an organisation deleted with its last member's account. */
export const ORGANIZATION_FILES_PURGE_JOB = 'platform.organization_files_purge'

const emailTaken = () =>
  new DomainError('E_EMAIL_TAKEN', 422, 'platform.errors.E_EMAIL_TAKEN', {}, 'email')

/** What deleting an account does to each of its organisations. */
export type AccountDeletionPlan = {
  /** Organisations the user owns with other members: ownership must be handed over first. */
  blocking: { id: string; name: string }[]
  /** Organisations of which the user is the only member: they are deleted with the account, data included. */
  deleted: { id: string; name: string }[]
  /** Organisations the user leaves; their data stays. */
  left: { id: string; name: string }[]
}

/** The account changes that take the user's current password: a new email address, and deleting the account. */
export const accountChanges = {
  /**
   * Mails a confirmation link to `newEmail` and a notice to the current address; nothing changes
   * until the link is followed. An address of another account is refused.
   */
  async requestEmailChange(user: User, newEmail: string) {
    const email = newEmail.trim().toLowerCase()
    if (email === user.email.toLowerCase()) {
      throw new DomainError('E_SAME_EMAIL', 422, 'platform.errors.E_SAME_EMAIL', {}, 'email')
    }
    if (await User.findByEmail(email)) throw emailTaken()
    await db.transaction(async (trx) => {
      const token = await userTokens.issue(user.id, 'change_email', trx, email)
      await platformMailer.sendEmailChangeConfirmation(user, email, token, trx)
      await platformMailer.sendEmailChangeRequested(user, email, trx)
    })
  },

  /**
   * Moves the account to the address its emailed token names: the address is then verified, the old
   * one told. Returns the user; an address taken meanwhile by another account is refused.
   */
  async confirmEmailChange(token: string, ip: string | null) {
    return db
      .transaction(async (trx) => {
        const row = await userTokens.redeem(token, 'change_email', trx)
        const user = await User.query({ client: trx })
          .where('id', row.userId)
          .forUpdate()
          .firstOrFail()
        const previousEmail = user.email
        user.email = row.newEmail!
        user.emailVerifiedAt = DateTime.now()
        await user.useTransaction(trx).save()
        await auditUserEvent(
          user,
          'auth.email_changed',
          ip,
          { from: previousEmail, to: user.email },
          trx
        )
        await platformMailer.sendEmailChanged(
          { email: previousEmail, fullName: user.fullName, locale: user.locale },
          user.email,
          trx
        )
        return user
      })
      .catch((error) => {
        if (error?.code === UNIQUE_VIOLATION) throw emailTaken()
        throw error
      })
  },

  /** What deleting `user`'s account would do to each of their organisations. */
  async deletionPlan(user: User, client?: TransactionClientContract): Promise<AccountDeletionPlan> {
    const memberships = await Membership.query({ client })
      .where('user_id', user.id)
      .preload('organization')
    const counts = await (client ?? db)
      .from('platform.memberships')
      .whereIn(
        'organization_id',
        memberships.map((membership) => membership.organizationId)
      )
      .groupBy('organization_id')
      .select('organization_id')
      .count('* as members')
    const membersOf = new Map(
      counts.map((row) => [row.organization_id as string, Number(row.members)])
    )
    const plan: AccountDeletionPlan = { blocking: [], deleted: [], left: [] }
    for (const membership of memberships) {
      const organization = { id: membership.organizationId, name: membership.organization.name }
      if ((membersOf.get(membership.organizationId) ?? 1) <= 1) plan.deleted.push(organization)
      else if (membership.role === 'owner') plan.blocking.push(organization)
      else plan.left.push(organization)
    }
    for (const list of Object.values(plan)) list.sort((a, b) => a.name.localeCompare(b.name))
    return plan
  },

  /**
   * Deletes the account in one transaction: organisations where the user was alone go with it (their
   * files by a job), the others keep their data and record the departure. Refused while the user owns
   * an organisation that has other members. The sessions end once it is committed.
   */
  async deleteAccount(user: User, ip: string | null) {
    const plan = await db.transaction(async (trx) => {
      const locked = await User.query({ client: trx })
        .where('id', user.id)
        .forUpdate()
        .firstOrFail()
      const deletion = await this.deletionPlan(locked, trx)
      if (deletion.blocking.length > 0) {
        throw new DomainError(
          'E_ACCOUNT_OWNS_ORGANIZATIONS',
          422,
          'platform.errors.E_ACCOUNT_OWNS_ORGANIZATIONS',
          {
            organizations: deletion.blocking.map((organization) => organization.name).join(', '),
          }
        )
      }
      for (const organization of deletion.left) {
        await auditLog.record(
          {
            organizationId: organization.id,
            actorId: locked.id,
            action: 'member.account_deleted',
            subjectType: 'user',
            subjectId: locked.id,
            metadata: {},
            ip,
          },
          trx
        )
      }
      await platformMailer.sendAccountDeleted(locked, trx)
      const deletedIds = deletion.deleted.map((organization) => organization.id)
      if (deletedIds.length > 0) {
        await Organization.query({ client: trx }).whereIn('id', deletedIds).delete()
        for (const organizationId of deletedIds) {
          await jobs.dispatch(ORGANIZATION_FILES_PURGE_JOB, { organizationId }, { client: trx })
        }
      }
      await locked.useTransaction(trx).delete()
      return deletion
    })
    await endUserSessions(user.id)
    return plan
  },
}

/** Registers the job that deletes a deleted organisation's stored files. */
export function registerOrganizationFilesPurgeJob() {
  jobs.register<{ organizationId: string }>(
    ORGANIZATION_FILES_PURGE_JOB,
    async ({ organizationId }) => {
      const files = await app.container.make('platform.files')
      await files.deleteOrganizationFiles(organizationId)
    }
  )
}
