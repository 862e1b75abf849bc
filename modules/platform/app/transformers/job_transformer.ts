import { defineSerializer, Type, wire } from '@ia/kernel/contracts'
import type { JobRow } from '../jobs/job_admin.ts'
import { JOB_STATUSES } from '../validators/jobs.ts'

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null)

/** A job as its organisation's admins see it, with the error of its last failed run (the `Job` schema). */
export const serializeJob = defineSerializer(
  'Job',
  Type.Object(
    {
      id: wire.uuid(),
      name: Type.String({ description: '`<module>.<job>`, e.g. `contacts.import`.' }),
      label: wire.nullable(wire.localized()),
      status: wire.oneOf(JOB_STATUSES),
      percent: Type.Integer({ minimum: 0, maximum: 100 }),
      message: wire.nullable(wire.localized()),
      attempts: Type.Integer({ description: 'Runs started so far.' }),
      maxAttempts: Type.Integer({ description: 'Runs before the job is marked failed.' }),
      error: wire.text('The error of the last failed run.'),
      createdAt: wire.dateTime(),
      updatedAt: wire.dateTime(),
      startedAt: wire.dateTimeOrNull(),
      finishedAt: wire.dateTimeOrNull(),
    },
    {
      description:
        'Work run in the background by the workers (imports, documents, mailings...), retried with exponential backoff.',
    }
  ),
  (row: JobRow) => ({
    id: row.id,
    name: row.name,
    label: row.label,
    status: row.status,
    percent: row.percent,
    message: row.message,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    error: row.last_error,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  })
)
