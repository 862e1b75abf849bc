import { mailTemplates } from '../services/mail/mail_templates.ts'

/** A mail that asks its reader to follow one link. */
type LinkMail = { name: string; url: string }
/** An invitation: who invites, to which organisation, and the link that accepts. */
type InvitationMail = { inviter: string; organization: string; url: string }

mailTemplates.define<LinkMail>('platform.verify_email', (data, t) => ({
  subject: t.t('platform.mail.verifyEmail.subject'),
  heading: t.t('platform.mail.verifyEmail.heading', { name: data.name }),
  paragraphs: [t.t('platform.mail.verifyEmail.body')],
  action: { label: t.t('platform.mail.verifyEmail.action'), url: data.url },
  footer: t.t('platform.mail.footer'),
}))

mailTemplates.define<LinkMail>('platform.password_reset', (data, t) => ({
  subject: t.t('platform.mail.resetPassword.subject'),
  heading: t.t('platform.mail.resetPassword.heading', { name: data.name }),
  paragraphs: [t.t('platform.mail.resetPassword.body')],
  action: { label: t.t('platform.mail.resetPassword.action'), url: data.url },
  footer: t.t('platform.mail.footer'),
}))

mailTemplates.define<InvitationMail>('platform.invitation', (data, t) => ({
  subject: t.t('platform.mail.invitation.subject', { organization: data.organization }),
  heading: t.t('platform.mail.invitation.heading', { organization: data.organization }),
  paragraphs: [t.t('platform.mail.invitation.body', { inviter: data.inviter, organization: data.organization })],
  action: { label: t.t('platform.mail.invitation.action'), url: data.url },
  footer: t.t('platform.mail.footer'),
}))
