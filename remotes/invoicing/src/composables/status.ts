import type { Tone } from '@ia/ui'
import type { DocumentStatus } from '../api/documents'

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
