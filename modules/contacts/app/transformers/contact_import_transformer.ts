import {
  defineSerializer,
  isoTimestamp,
  isoTimestampOrNull,
  Type,
  wire,
} from '@ia/kernel/contracts'
import { CONTACT_IMPORT_STATUSES, type default as ContactImport } from '../models/contact_import.ts'

/** The public shape of an import (the `ContactImport` schema): where it stands and, once done, its counts and per-row errors. */
export const serializeContactImport = defineSerializer(
  'ContactImport',
  Type.Object(
    {
      id: wire.uuid(),
      jobId: wire.uuid('The job running the import, as the live progress messages name it.'),
      status: wire.oneOf(
        CONTACT_IMPORT_STATUSES,
        '`queued` until the job has committed (a job that failed for good is retried from the jobs page), then `completed`, or `failed` when the file as a whole was refused.'
      ),
      fileName: Type.String(),
      rows: Type.Integer({ description: 'Data rows of the file.' }),
      imported: wire.integerOrNull('Contacts created; null until completed.'),
      skipped: wire.integerOrNull('Rows refused; null until completed.'),
      errors: Type.Array(
        Type.Object({
          line: Type.Integer({ description: 'Line of the file (1 is the header).' }),
          field: Type.String(),
          message: Type.String(),
        }),
        {
          description:
            'One entry per problem of a refused row, in the language of the user who started the import.',
        }
      ),
      error: Type.Union(
        [Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()],
        {
          description: 'Why the whole file was refused (`status: failed`).',
        }
      ),
      createdAt: wire.dateTime(),
      finishedAt: wire.dateTimeOrNull(),
    },
    {
      description:
        'A confirmed CSV import, run by the `contacts.import` job (its progress is broadcast on the live channel `users/<userId>/jobs`). ' +
        'Valid rows are saved in one transaction, each announced by `contacts.contact.created`; refused rows are listed in `errors`.',
    }
  ),
  (contactImport: ContactImport) => ({
    id: contactImport.id,
    jobId: contactImport.jobId,
    status: contactImport.status,
    fileName: contactImport.fileName,
    rows: contactImport.rowCount,
    imported: contactImport.importedCount ?? null,
    skipped: contactImport.skippedCount ?? null,
    errors: contactImport.errors,
    error: contactImport.errorCode
      ? { code: contactImport.errorCode, message: contactImport.errorMessage ?? '' }
      : null,
    createdAt: isoTimestamp(contactImport.createdAt),
    finishedAt: isoTimestampOrNull(contactImport.finishedAt),
  })
)
