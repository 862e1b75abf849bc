import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AuditLog, AuditRecord } from '@ia/kernel/contracts'
import AuditEntry from '../models/audit_entry.ts'

export type { AuditRecord }

/** Writes audit lines, inside the caller's transaction when one is given. */
export const auditLog: AuditLog = {
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
