import { platformConfig } from './platform_config.ts'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'

/** One transactional email: who it goes to, in which language, and its translated parts. */
type MailContent = {
  to: string
  locale: string
  subject: string
  heading: string
  body: string
  action: { label: string; url: string }
  footer: string
  organizationName?: string
  logoUrl?: string | null
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

function layout(content: MailContent) {
  const brand = content.organizationName ?? 'IA-Solution'
  const logo = content.logoUrl
    ? `<img src="${escapeHtml(content.logoUrl)}" alt="" style="max-height:48px;margin-bottom:16px">`
    : ''
  return `<!doctype html><html lang="${content.locale}"><body style="margin:0;background:#f4f6f8;font-family:Arial,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:32px 12px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#fff;border-radius:8px;padding:32px">
<tr><td>${logo}<p style="font-size:13px;color:#52606d;margin:0 0 8px">${escapeHtml(brand)}</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>
<p style="font-size:15px;line-height:1.5;margin:0 0 24px">${escapeHtml(content.body)}</p>
<p><a href="${escapeHtml(content.action.url)}" style="background:#0b6e4f;color:#fff;text-decoration:none;padding:12px 20px;border-radius:6px;display:inline-block">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:12px;color:#7b8794;margin-top:24px">${escapeHtml(content.footer)}<br>${escapeHtml(content.action.url)}</p>
</td></tr></table></td></tr></table></body></html>`
}

async function deliver(content: MailContent) {
  await mail.send((message) => {
    message
      .to(content.to)
      .subject(content.subject)
      .html(layout(content))
      .text(`${content.heading}\n\n${content.body}\n\n${content.action.url}\n\n${content.footer}`)
  })
}

function link(path: string) {
  return new URL(path, platformConfig.appUrl).toString()
}

/** The platform's transactional emails, in the recipient's language. */
export const platformMailer = {
  async sendEmailVerification(to: { email: string; fullName: string; locale: string }, token: string) {
    const t = i18nManager.locale(to.locale)
    await deliver({
      to: to.email,
      locale: to.locale,
      subject: t.t('platform.mail.verifyEmail.subject'),
      heading: t.t('platform.mail.verifyEmail.heading', { name: to.fullName }),
      body: t.t('platform.mail.verifyEmail.body'),
      action: { label: t.t('platform.mail.verifyEmail.action'), url: link(`/verify-email?token=${token}`) },
      footer: t.t('platform.mail.footer'),
    })
  },

  async sendPasswordReset(to: { email: string; fullName: string; locale: string }, token: string) {
    const t = i18nManager.locale(to.locale)
    await deliver({
      to: to.email,
      locale: to.locale,
      subject: t.t('platform.mail.resetPassword.subject'),
      heading: t.t('platform.mail.resetPassword.heading', { name: to.fullName }),
      body: t.t('platform.mail.resetPassword.body'),
      action: { label: t.t('platform.mail.resetPassword.action'), url: link(`/reset-password?token=${token}`) },
      footer: t.t('platform.mail.footer'),
    })
  },

  async sendInvitation(
    to: { email: string; locale: string },
    organization: { name: string; logoUrl: string | null },
    inviterName: string,
    token: string
  ) {
    const t = i18nManager.locale(to.locale)
    await deliver({
      to: to.email,
      locale: to.locale,
      subject: t.t('platform.mail.invitation.subject', { organization: organization.name }),
      heading: t.t('platform.mail.invitation.heading', { organization: organization.name }),
      body: t.t('platform.mail.invitation.body', { inviter: inviterName, organization: organization.name }),
      action: { label: t.t('platform.mail.invitation.action'), url: link(`/invitations/${token}`) },
      footer: t.t('platform.mail.footer'),
      organizationName: organization.name,
      logoUrl: organization.logoUrl,
    })
  },
}
