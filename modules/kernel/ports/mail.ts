import type { I18n } from '@adonisjs/i18n'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** What a template says, already translated: the layout turns it into the HTML and text parts. */
export type MailContent = {
  subject: string
  heading: string
  paragraphs: string[]
  action?: { label: string; url: string }
  /** A last line in small print (e.g. "ignore this message if..."). */
  footer?: string
}

/** Renders one kind of mail from its data, in the language `t` speaks. */
export type MailTemplate<D> = (data: D, t: I18n) => MailContent

/** A file of the organisation's store sent with a mail (read when the mail leaves, not copied into the queue). */
export type MailAttachment = { path: string; filename: string; contentType: string }

/** One mail to send: a template, its data, the recipient and their language, and the organisation it speaks for. */
export type MailRequest<D = unknown> = {
  template: string
  to: string
  locale: string
  /** Brands the mail with the organisation's name and logo; without it the mail speaks for the product. */
  organizationId?: string | null
  data: D
  /** Files of `organizationId`'s store attached to the mail (an invoice's PDF). */
  attachments?: MailAttachment[]
}

/** Transactional mail: templates rendered in the recipient's language, sent by a job. */
export interface Mailer {
  /** Adds the template `<module>.<mail>` (once, from a file the module's provider loads). */
  defineTemplate<D>(name: string, template: MailTemplate<D>): void
  /**
   * Queues the mail in the caller's transaction when given one: it leaves only if that transaction
   * commits. `userId` names who caused it: its progress goes to that user's jobs.
   */
  send<D>(
    request: MailRequest<D>,
    options?: { client?: TransactionClientContract; userId?: string }
  ): Promise<string>
}
