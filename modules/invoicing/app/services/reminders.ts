import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  DomainError,
  fromMinorUnits,
  jobs,
  organizations,
  tenantContext,
  type JobContext,
} from '@ia/kernel/contracts'
import Document, { OPEN_STATUSES } from '../models/document.ts'
import { EmailDocument } from '../actions/email_document.ts'
import { documentView } from '../queries/document_view.ts'
import { balanceMinor } from './settlement.ts'
import { recordTimeline } from './timeline.ts'

/** The daily schedule that queues the reminders: 08:00 in Kinshasa, when offices open. */
export const REMINDERS_SCHEDULE = {
  name: 'invoicing.overdue_reminders',
  cron: '0 8 * * *',
} as const
/** The time zone the schedule's days are read in. */
export const REMINDERS_TIME_ZONE = 'Africa/Kinshasa'
/** The job that sends the due reminders of one organisation. */
export const SEND_REMINDERS_JOB = 'invoicing.send_reminders'

/** An organisation's reminder schedule. */
export type ReminderSettings = {
  enabled: boolean
  firstAfterDays: number
  repeatEveryDays: number | null
  maxReminders: number
}

/** Off until the organisation turns it on: three days after the due date, once. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: false,
  firstAfterDays: 3,
  repeatEveryDays: null,
  maxReminders: 1,
}

/** The organisation's schedule (the default when never set). */
export async function reminderSettings(
  organizationId: string,
  client: QueryClientContract
): Promise<ReminderSettings> {
  const row = await client
    .from('invoicing.reminder_settings')
    .where('organization_id', organizationId)
    .first()
  return row
    ? {
        enabled: row.enabled,
        firstAfterDays: row.first_after_days,
        repeatEveryDays: row.repeat_every_days,
        maxReminders: row.max_reminders,
      }
    : DEFAULT_REMINDER_SETTINGS
}

/**
 * How many reminders are due for an invoice `daysLate` days past its due date: the first on
 * `firstAfterDays`, then one every `repeatEveryDays`, never more than `maxReminders`.
 */
export function remindersDue(settings: ReminderSettings, daysLate: number) {
  if (daysLate < settings.firstAfterDays) return 0
  const repeats = settings.repeatEveryDays
    ? Math.floor((daysLate - settings.firstAfterDays) / settings.repeatEveryDays)
    : 0
  return Math.min(1 + repeats, settings.maxReminders)
}

/** The scheduled run of a day: one job per organisation that turned reminders on. */
export async function queueReminders(slot: Date, client: TransactionClientContract) {
  const on = DateTime.fromJSDate(slot).setZone(REMINDERS_TIME_ZONE).toISODate()!
  const enabled: { organization_id: string }[] = await client
    .from('invoicing.reminder_settings')
    .where('enabled', true)
    .select('organization_id')
  for (const { organization_id: organizationId } of enabled) {
    await jobs.dispatch(
      SEND_REMINDERS_JOB,
      { organizationId, on },
      { client, organizationId, title: { key: 'invoicing.jobs.sendReminders' } }
    )
  }
}

/**
 * Sends the next reminder of each open invoice of the organisation past its due date whose schedule
 * calls for one on `on`: its PDF attached, in the organisation's language, recorded on its timeline.
 * At most one per invoice per run (after a downtime the customer gets one reminder, not the backlog).
 * A customer without an email address gets none: that reminder is recorded as skipped, on the invoice's
 * timeline too, and the schedule moves on. Each reminder is recorded under (invoice, sequence).
 */
export async function sendDueReminders(
  payload: { organizationId: string; on: string },
  context: JobContext
) {
  const trx = context.client
  await tenantContext.run(payload.organizationId, async () => {
    const settings = await reminderSettings(payload.organizationId, trx)
    if (!settings.enabled) return
    const locale = (await organizations.find(payload.organizationId, trx))?.locale ?? 'fr'
    const overdue = await Document.query({ client: trx })
      .where('kind', 'invoice')
      .whereIn('status', [...OPEN_STATUSES])
      .where('due_date', '<', payload.on)
      .select('id', 'due_date')
    const sent: { document_id: string; count: string }[] = overdue.length
      ? await trx
          .from('invoicing.reminders_sent')
          .whereIn(
            'document_id',
            overdue.map((invoice) => invoice.id)
          )
          .groupBy('document_id')
          .select('document_id')
          .count('* as count')
      : []
    const sentCount = new Map(sent.map((row) => [row.document_id, Number(row.count)]))
    const on = DateTime.fromISO(payload.on)
    for (const invoice of overdue) {
      const daysLate = Math.round(on.diff(invoice.dueDate!, 'days').days)
      const already = sentCount.get(invoice.id) ?? 0
      if (remindersDue(settings, daysLate) <= already) continue
      const view = await documentView(invoice.id, trx)
      if (!view.document.customerSnapshot?.email) {
        await skipReminder(trx, payload, invoice.id, already + 1, daysLate)
        continue
      }
      try {
        await trx.transaction(async (savepoint) => {
          await savepoint
            .insertQuery()
            .table('invoicing.reminders_sent')
            .insert({
              document_id: invoice.id,
              sequence: already + 1,
              organization_id: payload.organizationId,
              sent_on: payload.on,
            })
          await new EmailDocument().handle(
            savepoint,
            view,
            {
              locale: locale === 'en' ? 'en' : 'fr',
              reminder: {
                sequence: already + 1,
                daysLate,
                balance: fromMinorUnits(balanceMinor(view.document), view.document.currency),
              },
            },
            { userId: null, ip: null }
          )
        })
      } catch (error) {
        if (!(error instanceof DomainError)) throw error
      }
    }
  })
}

/** Records a reminder that could not be sent (no address to send it to), so it is neither retried daily nor silent. */
async function skipReminder(
  trx: TransactionClientContract,
  payload: { organizationId: string; on: string },
  documentId: string,
  sequence: number,
  daysLate: number
) {
  await trx.insertQuery().table('invoicing.reminders_sent').insert({
    document_id: documentId,
    sequence,
    organization_id: payload.organizationId,
    sent_on: payload.on,
    skipped_reason: 'no_email',
  })
  await recordTimeline(trx, {
    organizationId: payload.organizationId,
    documentId,
    action: 'reminder_skipped',
    actorId: null,
    data: { reason: 'no_email', sequence, daysLate },
  })
}
