import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  DomainError,
  jobs,
  organizations,
  tenantContext,
  type JobContext,
} from '@ia/kernel/contracts'
import RecurringInvoice, { type RecurringFrequency } from '../models/recurring_invoice.ts'
import { SaveDraft } from '../actions/save_draft.ts'
import { IssueDocument } from '../actions/issue_document.ts'
import { SendDocument } from '../actions/send_document.ts'
import { EmailDocument } from '../actions/email_document.ts'
import { documentView } from '../queries/document_view.ts'
import { recordTimeline } from './timeline.ts'
import type { Actor } from './drafts.ts'

/** The daily schedule that queues the recurring invoices due: 06:00 in Kinshasa, before the working day. */
export const RECURRING_SCHEDULE = {
  name: 'invoicing.recurring_invoices',
  cron: '0 6 * * *',
} as const
/** The time zone the schedule's days are read in. */
export const RECURRING_TIME_ZONE = 'Africa/Kinshasa'
/** The job that issues the due occurrences of one recurring invoice. */
export const ISSUE_RECURRING_JOB = 'invoicing.issue_recurring'

/** What the issuing job is given: the template, and the last day whose occurrence is due. */
export type IssueRecurringPayload = {
  organizationId: string
  recurringInvoiceId: string
  upTo: string
}

const MONTHS: Record<RecurringFrequency, number> = { monthly: 1, quarterly: 3, yearly: 12 }

/**
 * The date of occurrence `index` (0 = the first date). Counted from the first date, not from the
 * previous occurrence, so a series started on 31 January falls on 28/29 February then 31 March again.
 */
export function occurrenceDate(start: DateTime, frequency: RecurringFrequency, index: number) {
  return start.plus({ months: MONTHS[frequency] * index })
}

/** The next occurrence after `issuedCount` were issued, or null when it falls after the end date. */
export function nextOccurrence(
  template: Pick<RecurringInvoice, 'startDate' | 'endDate' | 'frequency'>,
  issuedCount: number
) {
  const next = occurrenceDate(template.startDate, template.frequency, issuedCount)
  return template.endDate && next > template.endDate ? null : next
}

/**
 * The scheduled run of a day (`slot`): queues one issuing job per active recurring invoice with an
 * occurrence due that day or before, in the run's transaction. Two runs queueing the same template
 * is harmless: the issuing job locks it and finds nothing left to issue.
 */
export async function queueDueRecurringInvoices(slot: Date, client: TransactionClientContract) {
  const upTo = DateTime.fromJSDate(slot).setZone(RECURRING_TIME_ZONE).toISODate()!
  const due: { id: string; organization_id: string }[] = await client
    .from('invoicing.recurring_invoices')
    .where('status', 'active')
    .where('next_issue_date', '<=', upTo)
    .select('id', 'organization_id')
  for (const template of due) {
    await jobs.dispatch<IssueRecurringPayload>(
      ISSUE_RECURRING_JOB,
      { organizationId: template.organization_id, recurringInvoiceId: template.id, upTo },
      {
        client,
        organizationId: template.organization_id,
        title: { key: 'invoicing.jobs.issueRecurring' },
      }
    )
  }
}

/**
 * Issues every occurrence of a recurring invoice due up to `upTo` (several after a downtime), each as
 * a draft made from the template and issued at once (numbered and dated the day it is issued, the
 * occurrence's date on its timeline), in the job's transaction with the template locked. An occurrence
 * is recorded under its date (primary key), so none is issued twice. One that cannot be issued (a
 * missing exchange rate, a customer since deleted) keeps the template where it is, with the reason;
 * the next daily run tries again.
 */
export async function issueDueOccurrences(payload: IssueRecurringPayload, context: JobContext) {
  const trx = context.client
  await tenantContext.run(payload.organizationId, async () => {
    const template = await RecurringInvoice.query({ client: trx })
      .where('id', payload.recurringInvoiceId)
      .forUpdate()
      .first()
    if (!template) return
    while (
      template.status === 'active' &&
      template.nextIssueDate &&
      template.nextIssueDate.toISODate()! <= payload.upTo
    ) {
      const occurrence = template.nextIssueDate.toISODate()!
      try {
        await trx.transaction((savepoint) => issueOccurrence(savepoint, template, occurrence))
      } catch (error) {
        if (!(error instanceof DomainError)) throw error
        template.lastError = `${error.code}${error.field ? ` (${error.field})` : ''}`
        await template.useTransaction(trx).save()
        return
      }
      template.issuedCount += 1
      template.nextIssueDate = nextOccurrence(template, template.issuedCount)
      if (!template.nextIssueDate) template.status = 'ended'
      template.lastError = null
      await template.useTransaction(trx).save()
    }
  })
}

async function issueOccurrence(
  trx: TransactionClientContract,
  template: RecurringInvoice,
  occurrence: string
) {
  const actor = { userId: template.createdBy, ip: null }
  const draft = await new SaveDraft().createIn(
    trx,
    'invoice',
    {
      customerId: template.customerId,
      currency: template.currency,
      paymentTermsDays: template.paymentTermsDays,
      clientCategory: template.clientCategory ?? undefined,
      notes: template.notes,
      lines: template.lines,
    },
    actor,
    { recurringInvoiceId: template.id, occurrence }
  )
  await new IssueDocument().handle(trx, draft.id, actor)
  if (template.sendByEmail) await emailOccurrence(trx, draft.id, actor)
  await trx.insertQuery().table('invoicing.recurring_occurrences').insert({
    recurring_invoice_id: template.id,
    occurrence_date: occurrence,
    organization_id: template.organizationId,
    document_id: draft.id,
  })
}

/**
 * Mails an invoice just issued from a template that says so, in the organisation's language, and marks
 * it sent, in the issuing transaction (the mail leaves only if the invoice is committed). A customer
 * without an email address gets nothing, and the invoice's timeline says so.
 */
async function emailOccurrence(trx: TransactionClientContract, documentId: string, actor: Actor) {
  const issued = await documentView(documentId, trx)
  const { document } = issued
  if (!document.customerSnapshot?.email) {
    await recordTimeline(trx, {
      organizationId: document.organizationId,
      documentId,
      action: 'email_skipped',
      actorId: actor.userId,
      data: { reason: 'no_email' },
    })
    return
  }
  await new SendDocument().handle(trx, documentId, actor)
  const locale = (await organizations.find(document.organizationId, trx))?.locale ?? 'fr'
  await new EmailDocument().handle(
    trx,
    await documentView(documentId, trx),
    { locale: locale === 'en' ? 'en' : 'fr' },
    actor
  )
}
