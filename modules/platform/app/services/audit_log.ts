import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditEntry from '../models/audit_entry.ts'

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

/** Writes audit lines, inside the caller's transaction when one is given. */
export const auditLog = {
  async record(entry: AuditRecord, trx?: TransactionClientContract) {
    await AuditEntry.create(
      {
        organizationId: entry.organizationId,
        actorId: entry.actorId,
        action: entry.action,
        subjectType: entry.subjectType ?? null,
        subjectId: entry.subjectId ?? null,
        metadata: entry.metadata ?? {},
        ip: entry.ip ?? null,
      },
      { client: trx }
    )
  },
}
