import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AuditLog, AuditRecord } from '@ia/kernel/contracts'
import AuditEntry from '../models/audit_entry.ts'

/** The text cut to what its column holds, by code point so that no character is split in two. */
function bounded(text: string | null | undefined, max: number) {
  if (text === null || text === undefined) return null
  return text.length <= max ? text : Array.from(text).slice(0, max).join('')
}

/**
 * Writes audit lines, inside the caller's transaction when one is given. Every text is cut to its column
 * (platform.audit_entries): a value that comes from a request must never make the audited write fail.
 */
export const auditLog: AuditLog = {
  async record(entry: AuditRecord, trx?: TransactionClientContract) {
    await AuditEntry.create(
      {
        organizationId: entry.organizationId,
        actorId: entry.actorId,
        action: bounded(entry.action, 60)!,
        subjectType: bounded(entry.subjectType, 60),
        subjectId: bounded(entry.subjectId, 64),
        metadata: entry.metadata ?? {},
        ip: bounded(entry.ip, 64),
      },
      { client: trx }
    )
  },
}
