import { mails } from '@ia/kernel/contracts'
import { DateTime } from 'luxon'
import type { DocumentSentMail } from '../actions/email_document.ts'

/** How amounts are written in each language (French with the Congolese franc's own symbol, FC). */
const NUMBER_LOCALES: Record<string, string> = { fr: 'fr-CD', en: 'en' }

mails.defineTemplate<DocumentSentMail>('invoicing.document_sent', (data, t) => {
  const locale = NUMBER_LOCALES[t.locale] ?? t.locale
  // Intl formats the decimal string exactly: the amount never passes through a float.
  const total = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: data.currency,
  }).format(data.total as unknown as number)
  const title = t.t(`invoicing.pdf.title.${data.kind}`)
  const dueDate = data.dueDate
    ? DateTime.fromISO(data.dueDate)
        .setLocale(t.locale)
        .toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' })
    : null
  return {
    subject: t.t('invoicing.mail.documentSent.subject', {
      title,
      number: data.number,
      seller: data.seller,
    }),
    heading: t.t('invoicing.mail.documentSent.heading', { customer: data.customer }),
    paragraphs: [
      ...(data.message ? [data.message] : []),
      t.t(`invoicing.mail.documentSent.body.${data.kind}`, { number: data.number, total }),
      ...(dueDate ? [t.t('invoicing.mail.documentSent.due', { date: dueDate })] : []),
    ],
    action: { label: t.t('invoicing.mail.documentSent.action', { title }), url: data.url },
    footer: t.t('invoicing.mail.documentSent.footer', { seller: data.seller }),
  }
})
