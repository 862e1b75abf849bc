import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** What an audit line records. */
export type AuditRecord = {
  organizationId: string
  actorId: string | null
  action: string
  subjectType?: string
  subjectId?: string
  metadata?: Record<string, unknown>
  ip?: string | null
}

/** The organisation's audit log. */
export interface AuditLog {
  /** Writes one audit line, inside the caller's transaction when one is given. */
  record(entry: AuditRecord, trx?: TransactionClientContract): Promise<void>
}
