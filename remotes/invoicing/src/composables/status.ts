import type { Tone } from '@ia/ui'
import { useI18n } from 'vue-i18n'
import type { DocumentKind, DocumentStatus } from '../api/documents'

/** The colour each status is shown in: money waiting is blue, late is red, settled is green. */
export const STATUS_TONES: Record<DocumentStatus, Tone> = {
  draft: 'neutral',
  issued: 'info',
  sent: 'primary',
  partially_paid: 'warning',
  paid: 'success',
  overdue: 'danger',
  cancelled: 'neutral',
  accepted: 'success',
  refused: 'neutral',
}

/** Every status, in the order of a document's life. */
export const STATUSES = Object.keys(STATUS_TONES) as DocumentStatus[]

/** What a customer answers to a quote from its link. */
const QUOTE_ANSWERS: DocumentStatus[] = ['accepted', 'refused']

/** The statuses a kind of document goes through: only an invoice is paid or late, only a quote is answered. */
export function statusesOf(kind: DocumentKind): DocumentStatus[] {
  if (kind === 'invoice') return STATUSES.filter((status) => !QUOTE_ANSWERS.includes(status))
  return kind === 'quote'
    ? ['draft', 'issued', 'sent', ...QUOTE_ANSWERS]
    : ['draft', 'issued', 'sent']
}

/** A status in words; French agrees it with the document (une facture émise, un devis émis). */
export function useStatusLabel() {
  const { t } = useI18n()
  return (kind: DocumentKind, status: DocumentStatus) =>
    t(kind === 'invoice' ? `invoicing.status.${status}` : `invoicing.statusOther.${status}`)
}
