import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { jobs } from './jobs.ts'
import type { MailRequest, MailTemplate, Mailer } from '@ia/kernel/contracts'
import { mailTemplates } from '../app/services/mail/mail_templates.ts'
import { SEND_MAIL_JOB, sendMailPayload } from '../app/services/mail/transactional_mail.ts'

/**
 * Transactional mail: templates rendered in the recipient's language, branded with the organisation's
 * name and logo, sent by the `platform.send_mail` job (SMTP with SMTP_HOST, else .eml files in DATA_DIR/mails).
 */
export const mails: Mailer = {
  /** Adds the template `<module>.<mail>` (call it once, at import time of a file the module's provider loads). */
  defineTemplate<D>(name: string, template: MailTemplate<D>, options: { jobTitle?: string } = {}) {
    mailTemplates.define(name, template, options)
  },

  /**
   * Queues the mail in the caller's transaction when given one: it leaves only if that transaction
   * commits. `userId` names who caused it: its progress goes to that user's jobs, not to the whole
   * organisation's.
   */
  send<D>(
    request: MailRequest<D>,
    options: { client?: TransactionClientContract; userId?: string } = {}
  ): Promise<string> {
    return jobs.dispatch(SEND_MAIL_JOB, sendMailPayload(request), {
      client: options.client,
      organizationId: request.organizationId ?? null,
      userId: options.userId ?? null,
      title: { key: mailTemplates.jobTitle(request.template), params: { to: request.to } },
    })
  },
}
