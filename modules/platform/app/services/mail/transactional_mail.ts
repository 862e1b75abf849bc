import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { fileTypeFromBuffer } from 'file-type'
import encryption from '@adonisjs/core/services/encryption'
import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import Organization from '../../models/organization.ts'
import { files } from '../../../contracts/files.ts'
import { jobs } from '../../../contracts/jobs.ts'
import type { MailAttachment, MailRequest } from '@ia/kernel/contracts'
import { mailTemplates, renderHtml, renderText } from './mail_templates.ts'

/** The job that sends every transactional mail. */
export const SEND_MAIL_JOB = 'platform.send_mail'

/** What encrypts a mail's data in its job row (it holds links whose token is a credential). */
const PURPOSE = 'platform.send_mail'
/** The content id the organisation's logo is embedded under. */
const LOGO_CID = 'organization-logo'

/** The job payload: the request with its data encrypted with the application key. */
export type SendMailPayload = {
  template: string
  to: string
  locale: string
  organizationId: string | null
  data: string
  attachments?: MailAttachment[]
}

/** Builds the job payload of a mail request; an unknown template fails here, in the caller, not later in a worker. */
export function sendMailPayload(request: MailRequest): SendMailPayload {
  if (!mailTemplates.has(request.template))
    throw new Error(`Unknown mail template "${request.template}"`)
  if (request.attachments?.length && !request.organizationId)
    throw new Error(`Mail "${request.template}": attachments come from an organisation's files`)
  return {
    template: request.template,
    to: request.to,
    locale: request.locale,
    organizationId: request.organizationId ?? null,
    data: encryption.encrypt(request.data, undefined, PURPOSE),
    ...(request.attachments?.length ? { attachments: request.attachments } : {}),
  }
}

/** The attachments' bytes, read from the organisation's files; a missing file fails the job (and its retries say so). */
async function attachmentsOf(payload: SendMailPayload) {
  return Promise.all(
    (payload.attachments ?? []).map(async (attachment) => {
      const bytes = await files.get(payload.organizationId!, attachment.path)
      if (!bytes)
        throw new Error(
          `Mail "${payload.template}": its attachment ${attachment.path} is not in the organisation's files`
        )
      return { ...attachment, bytes }
    })
  )
}

/** The `platform.send_mail` job handler: renders the template in the recipient's language and sends it. */
export async function deliverMail(payload: SendMailPayload, client?: QueryClientContract) {
  const data = encryption.decrypt(payload.data, PURPOSE)
  if (data === null)
    throw new Error(`Mail "${payload.template}": its data cannot be decrypted with this APP_KEY`)
  const locale = i18nManager.supportedLocales().includes(payload.locale)
    ? payload.locale
    : i18nManager.defaultLocale
  const t = i18nManager.locale(locale)
  const content = mailTemplates.get(payload.template)(data, t)
  const organization = payload.organizationId
    ? await Organization.find(payload.organizationId, { client })
    : null
  const logo = organization?.logoPath
    ? await files.get(organization.id, organization.logoPath)
    : null
  const logoType = logo ? await fileTypeFromBuffer(logo) : undefined
  const brand = {
    name: organization?.name ?? t.t('platform.mail.brand'),
    logoCid: logo && logoType ? LOGO_CID : null,
  }
  const attachments = await attachmentsOf(payload)
  await mail.send((message) => {
    message
      .to(payload.to)
      .subject(content.subject)
      .html(renderHtml(content, brand, locale))
      .text(renderText(content, brand))
    if (logo && logoType) {
      message.embedData(Buffer.from(logo), LOGO_CID, {
        contentType: logoType.mime,
        filename: `logo.${logoType.ext}`,
      })
    }
    for (const attachment of attachments) {
      message.attachData(Buffer.from(attachment.bytes), {
        filename: attachment.filename,
        contentType: attachment.contentType,
      })
    }
  })
}

/** Registers the mail job; every process does, from the platform provider's boot(). Retries cover an SMTP outage of about 40 minutes. */
export function registerMailJob() {
  jobs.register<SendMailPayload>(
    SEND_MAIL_JOB,
    (payload, context) => deliverMail(payload, context.client),
    { maxAttempts: 10, backoffMs: 5000 }
  )
}
