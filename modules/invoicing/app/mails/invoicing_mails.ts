import { mails } from '@ia/kernel/contracts'
import { DateTime } from 'luxon'
import type { DocumentSentMail } from '../actions/email_document.ts'
import { formatMoney } from '../services/document_pdf.ts'

mails.defineTemplate<DocumentSentMail>('invoicing.document_sent', (data, t) => {
  const total = formatMoney(data.total, data.currency, t.locale)
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
      ...(data.payUrl ? [t.t('invoicing.mail.documentSent.pay', { url: data.payUrl })] : []),
    ],
    action: { label: t.t('invoicing.mail.documentSent.action', { title }), url: data.url },
    footer: t.t('invoicing.mail.documentSent.footer', { seller: data.seller }),
  }
})

mails.defineTemplate<DocumentSentMail>('invoicing.overdue_reminder', (data, t) => {
  const reminder = data.reminder!
  const balance = formatMoney(reminder.balance, data.currency, t.locale)
  const title = t.t(`invoicing.pdf.title.${data.kind}`)
  const dueDate = DateTime.fromISO(data.dueDate!)
    .setLocale(t.locale)
    .toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' })
  return {
    subject: t.t('invoicing.mail.overdueReminder.subject', {
      number: data.number,
      seller: data.seller,
      sequence: reminder.sequence,
    }),
    heading: t.t('invoicing.mail.documentSent.heading', { customer: data.customer }),
    paragraphs: [
      t.t('invoicing.mail.overdueReminder.body', {
        number: data.number,
        date: dueDate,
        days: reminder.daysLate,
        balance,
      }),
      t.t('invoicing.mail.overdueReminder.ignore'),
    ],
    action: { label: t.t('invoicing.mail.documentSent.action', { title }), url: data.url },
    footer: t.t('invoicing.mail.documentSent.footer', { seller: data.seller }),
  }
})
