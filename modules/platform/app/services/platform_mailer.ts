import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { platformConfig } from './platform_config.ts'
import { mails } from '../../contracts/mail.ts'

function link(path: string) {
  return new URL(path, platformConfig.appUrl).toString()
}

/** The platform's transactional emails (templates in app/mails/platform_mails.ts), queued in the caller's transaction. */
export const platformMailer = {
  async sendEmailVerification(to: { email: string; fullName: string; locale: string }, token: string, client?: TransactionClientContract) {
    await mails.send(
      { template: 'platform.verify_email', to: to.email, locale: to.locale, data: { name: to.fullName, url: link(`/verify-email?token=${token}`) } },
      { client }
    )
  },

  async sendPasswordReset(to: { email: string; fullName: string; locale: string }, token: string, client?: TransactionClientContract) {
    await mails.send(
      { template: 'platform.password_reset', to: to.email, locale: to.locale, data: { name: to.fullName, url: link(`/reset-password?token=${token}`) } },
      { client }
    )
  },

  /** Tells the account's owner their password changed, with a way back in if it was not them. */
  async sendPasswordChanged(to: { id: string; email: string; fullName: string; locale: string }, client?: TransactionClientContract) {
    await mails.send(
      {
        template: 'platform.password_changed',
        to: to.email,
        locale: to.locale,
        data: { name: to.fullName, changedAt: new Date().toISOString(), url: link('/forgot-password') },
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
        data: { inviter: inviter.fullName, organization: organization.name, url: link(`/invitations/${token}`) },
      },
      { client, userId: inviter.id }
    )
  },
}
