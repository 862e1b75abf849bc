import { DateTime } from 'luxon'
import type Document from '../models/document.ts'
import { OPEN_STATUSES, type DisplayedStatus, type DocumentStatus } from '../models/document.ts'

/**
 * The state an issued invoice is in once its payments and credit notes are counted: cancelled when
 * credited in full, paid when nothing remains due, partially paid, else issued or sent.
 */
export function settledStatus(
  document: Pick<Document, 'totalMinor' | 'paidMinor' | 'creditedMinor' | 'sentAt'>
): DocumentStatus {
  const total = BigInt(document.totalMinor)
  const paid = BigInt(document.paidMinor)
  const credited = BigInt(document.creditedMinor)
  if (credited > 0n && credited >= total) return 'cancelled'
  if (paid > 0n && paid + credited >= total) return 'paid'
  if (paid > 0n) return 'partially_paid'
  return document.sentAt ? 'sent' : 'issued'
}

/** What is still due on an invoice, in minor units of its currency. */
export function balanceMinor(
  document: Pick<Document, 'totalMinor' | 'paidMinor' | 'creditedMinor'>
) {
  return BigInt(document.totalMinor) - BigInt(document.paidMinor) - BigInt(document.creditedMinor)
}

/** Today's date (YYYY-MM-DD) as the server's calendar reads it. */
export function today() {
  return DateTime.now().toISODate()!
}

/** The state shown: an open invoice past its due date is overdue. */
export function displayedStatus(
  document: Pick<Document, 'kind' | 'status' | 'dueDate'>,
  on = today()
): DisplayedStatus {
  const open = document.kind === 'invoice' && OPEN_STATUSES.includes(document.status)
  return open && document.dueDate && document.dueDate.toISODate()! < on
    ? 'overdue'
    : document.status
}
