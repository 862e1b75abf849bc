import type AuditEntry from '../models/audit_entry.ts'
import { defineSerializer, isoTimestamp, Type, wire } from '@ia/kernel/contracts'

/** An audit line with what the reader's language calls it (the controller looks the names up). */
export type NamedAuditEntry = {
  entry: AuditEntry
  label: string
  subjectLabel: string | null
  subjectName: string | null
}

/** One line of an organisation's audit log, its actor preloaded (the `AuditEntry` schema). */
export const serializeAuditEntry = defineSerializer(
  'AuditEntry',
  Type.Object({
    id: Type.String({ description: 'The line number in the log, as a string.' }),
    action: Type.String({ description: 'e.g. `member.role_changed`, `module.enabled`.' }),
    label: Type.String({
      description: "The action in the reader's language (the action code when no module names it).",
    }),
    actor: wire.nullable(Type.Object({ id: wire.uuid(), fullName: Type.String() })),
    subjectType: wire.text(),
    subjectId: wire.text(),
    subjectLabel: wire.text("The subject's type in the reader's language."),
    subjectName: wire.text(
      'The subject by name: a user or module as called now, else the name the line recorded.'
    ),
    metadata: wire.nullable(Type.Record(Type.String(), Type.Unknown())),
    ip: wire.text(),
    createdAt: wire.dateTime(),
  }),
  ({ entry, label, subjectLabel, subjectName }: NamedAuditEntry) => ({
    id: String(entry.id),
    action: entry.action,
    label,
    actor: entry.actor ? { id: entry.actor.id, fullName: entry.actor.fullName } : null,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    subjectLabel,
    subjectName,
    metadata: entry.metadata,
    ip: entry.ip,
    createdAt: isoTimestamp(entry.createdAt),
  })
)
