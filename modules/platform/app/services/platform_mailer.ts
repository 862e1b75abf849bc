import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { platformConfig } from './platform_config.ts'
import { mails } from '../../contracts/mail.ts'

function link(path: string) {
  return new URL(path, platformConfig.appUrl).toString()
}

/** The platform's transactional emails (templates in app/mails/platform_mails.ts), queued in the caller's transaction. */
export const platformMailer = {
  async sendEmailVerification(
    to: { email: string; fullName: string; locale: string },
    token: string,
    client?: TransactionClientContract
  ) {
    await mails.send(
      {
        template: 'platform.verify_email',
        to: to.email,
        locale: to.locale,
        data: { name: to.fullName, url: link(`/verify-email?token=${token}`) },
      },
      { client }
    )
  },

  async sendPasswordReset(
    to: { email: string; fullName: string; locale: string },
    token: string,
    client?: TransactionClientContract
  ) {
    await mails.send(
      {
        template: 'platform.password_reset',
        to: to.email,
        locale: to.locale,
        data: { name: to.fullName, url: link(`/reset-password?token=${token}`) },
      },
      { client }
    )
  },

  /** Tells the account's owner their password changed, with a way back in if it was not them. */
  async sendPasswordChanged(
    to: { id: string; email: string; fullName: string; locale: string },
    client?: TransactionClientContract
  ) {
    await mails.send(
      {
        template: 'platform.password_changed',
        to: to.email,
        locale: to.locale,
        data: {
          name: to.fullName,
          changedAt: new Date().toISOString(),
          url: link('/forgot-password'),
        },
      },
      { client, userId: to.id }
    )
  },

  async sendInvitation(
    to: { email: string; locale: string },
    organization: { id: string; name: string },
    inviter: { id: string; fullName: string },
    token: string,
    client?: TransactionClientContract
  ) {
    await mails.send(
      {
        template: 'platform.invitation',
        to: to.email,
        locale: to.locale,
        organizationId: organization.id,
        data: {
          inviter: inviter.fullName,
          organization: organization.name,
          url: link(`/invitations/${token}`),
        },
      },
      { client, userId: inviter.id }
    )
  },

  /** The link that moves the account to `newEmail`, sent to that new mailbox. */
  async sendEmailChangeConfirmation(
    user: { id: string; fullName: string; locale: string },
    newEmail: string,
    token: string,
    client?: TransactionClientContract
  ) {
    await mails.send(
      {
        template: 'platform.email_change',
        to: newEmail,
        locale: user.locale,
        data: { name: user.fullName, email: newEmail, url: link(`/confirm-email?token=${token}`) },
      },
      { client, userId: user.id }
    )
  },

  /** Tells the current mailbox that a move to `newEmail` was asked, with a way back in if it was not its owner. */
  async sendEmailChangeRequested(
    user: { id: string; email: string; fullName: string; locale: string },
    newEmail: string,
    client?: TransactionClientContract
  ) {
    await mails.send(
      {
        template: 'platform.email_change_requested',
        to: user.email,
        locale: user.locale,
        data: { name: user.fullName, email: newEmail, url: link('/forgot-password') },
      },
      { client, userId: user.id }
    )
  },

  /** Tells the previous mailbox that the account now answers at `newEmail`. */
  async sendEmailChanged(
    previous: { email: string; fullName: string; locale: string },
    newEmail: string,
    client?: TransactionClientContract
  ) {
    await mails.send(
      {
        template: 'platform.email_changed',
        to: previous.email,
        locale: previous.locale,
        data: { name: previous.fullName, email: newEmail, url: link('/forgot-password') },
      },
      { client }
    )
  },

  /** The last mail of a deleted account. */
  async sendAccountDeleted(
    to: { email: string; fullName: string; locale: string },
    client?: TransactionClientContract
  ) {
    await mails.send(
      {
        template: 'platform.account_deleted',
        to: to.email,
        locale: to.locale,
        data: { name: to.fullName },
      },
      { client }
    )
  },
}
