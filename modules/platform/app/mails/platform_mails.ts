import { mailTemplates } from '../services/mail/mail_templates.ts'

/** A mail that asks its reader to follow one link. */
type LinkMail = { name: string; url: string }
/** An invitation: who invites, to which organisation, and the link that accepts. */
type InvitationMail = { inviter: string; organization: string; url: string }
/** A mail about the account's address: the other address involved, and a link. */
type EmailChangeMail = { name: string; email: string; url: string }
/** The notice of a password change: when (ISO 8601), and the link that sets a new one if it was not the reader. */
type PasswordChangedMail = { name: string; changedAt: string; url: string }

/** The time zone the notice's date is written in: the product's users are in Kinshasa. */
const NOTICE_TIME_ZONE = 'Africa/Kinshasa'

mailTemplates.define<LinkMail>(
  'platform.verify_email',
  (data, t) => ({
    subject: t.t('platform.mail.verifyEmail.subject'),
    heading: t.t('platform.mail.verifyEmail.heading', { name: data.name }),
    paragraphs: [t.t('platform.mail.verifyEmail.body')],
    action: { label: t.t('platform.mail.verifyEmail.action'), url: data.url },
    footer: t.t('platform.mail.footer'),
  }),
  { jobTitle: 'platform.jobs.mail.platform_verify_email' }
)

mailTemplates.define<LinkMail>(
  'platform.password_reset',
  (data, t) => ({
    subject: t.t('platform.mail.resetPassword.subject'),
    heading: t.t('platform.mail.resetPassword.heading', { name: data.name }),
    paragraphs: [t.t('platform.mail.resetPassword.body')],
    action: { label: t.t('platform.mail.resetPassword.action'), url: data.url },
    footer: t.t('platform.mail.footer'),
  }),
  { jobTitle: 'platform.jobs.mail.platform_password_reset' }
)

mailTemplates.define<InvitationMail>(
  'platform.invitation',
  (data, t) => ({
    subject: t.t('platform.mail.invitation.subject', { organization: data.organization }),
    heading: t.t('platform.mail.invitation.heading', { organization: data.organization }),
    paragraphs: [
      t.t('platform.mail.invitation.body', {
        inviter: data.inviter,
        organization: data.organization,
      }),
    ],
    action: { label: t.t('platform.mail.invitation.action'), url: data.url },
    footer: t.t('platform.mail.invitation.footer', {
      inviter: data.inviter,
      organization: data.organization,
    }),
  }),
  { jobTitle: 'platform.jobs.mail.platform_invitation' }
)

mailTemplates.define<PasswordChangedMail>(
  'platform.password_changed',
  (data, t) => {
    const date = new Intl.DateTimeFormat(t.locale, {
      dateStyle: 'long',
      timeStyle: 'long',
      timeZone: NOTICE_TIME_ZONE,
    }).format(new Date(data.changedAt))
    return {
      subject: t.t('platform.mail.passwordChanged.subject'),
      heading: t.t('platform.mail.passwordChanged.heading', { name: data.name }),
      paragraphs: [
        t.t('platform.mail.passwordChanged.body', { date }),
        t.t('platform.mail.passwordChanged.warning'),
      ],
      action: { label: t.t('platform.mail.passwordChanged.action'), url: data.url },
    }
  },
  { jobTitle: 'platform.jobs.mail.platform_password_changed' }
)

mailTemplates.define<EmailChangeMail>(
  'platform.email_change',
  (data, t) => ({
    subject: t.t('platform.mail.emailChange.subject'),
    heading: t.t('platform.mail.emailChange.heading', { name: data.name }),
    paragraphs: [t.t('platform.mail.emailChange.body', { email: data.email })],
    action: { label: t.t('platform.mail.emailChange.action'), url: data.url },
    footer: t.t('platform.mail.footer'),
  }),
  { jobTitle: 'platform.jobs.mail.platform_email_change' }
)

/** A notice to the account's mailbox about its address, with a way back in if its owner did not ask for it. */
function defineAddressNotice(template: string, messages: string, jobTitle: string) {
  mailTemplates.define<EmailChangeMail>(
    template,
    (data, t) => ({
      subject: t.t(`${messages}.subject`),
      heading: t.t(`${messages}.heading`, { name: data.name }),
      paragraphs: [t.t(`${messages}.body`, { email: data.email }), t.t(`${messages}.warning`)],
      action: { label: t.t(`${messages}.action`), url: data.url },
    }),
    { jobTitle }
  )
}

defineAddressNotice(
  'platform.email_change_requested',
  'platform.mail.emailChangeRequested',
  'platform.jobs.mail.platform_email_change_requested'
)
defineAddressNotice(
  'platform.email_changed',
  'platform.mail.emailChanged',
  'platform.jobs.mail.platform_email_changed'
)

mailTemplates.define<{ name: string }>(
  'platform.account_deleted',
  (data, t) => ({
    subject: t.t('platform.mail.accountDeleted.subject'),
    heading: t.t('platform.mail.accountDeleted.heading', { name: data.name }),
    paragraphs: [t.t('platform.mail.accountDeleted.body')],
  }),
  { jobTitle: 'platform.jobs.mail.platform_account_deleted' }
)
