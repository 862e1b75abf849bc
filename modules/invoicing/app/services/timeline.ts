import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** What happened to a document, as its timeline names it. */
export type TimelineAction =
  | 'created'
  | 'updated'
  | 'issued'
  | 'sent'
  | 'credited'
  | 'payment_recorded'
  | 'payment_reversed'
  | 'emailed'
  | 'accepted'
  | 'refused'
  | 'converted'
  | 'reminded'
  | 'reminder_skipped'
  | 'email_skipped'

/** Adds a line to a document's timeline, in the change's transaction. */
export async function recordTimeline(
  trx: TransactionClientContract,
  entry: {
    organizationId: string
    documentId: string
    action: TimelineAction
    actorId: string | null
    data?: Record<string, unknown>
  }
) {
  await trx
    .insertQuery()
    .table('invoicing.document_events')
    .insert({
      organization_id: entry.organizationId,
      document_id: entry.documentId,
      action: entry.action,
      actor_id: entry.actorId,
      data: JSON.stringify(entry.data ?? {}),
    })
}
