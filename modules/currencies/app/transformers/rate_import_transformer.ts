import {
  defineSerializer,
  isoTimestamp,
  isoTimestampOrNull,
  Type,
  wire,
} from '@ia/kernel/contracts'
import { RATE_IMPORT_STATUSES, type default as RateImport } from '../models/rate_import.ts'

/** The public shape of a rates import (the `CurrencyRateImport` schema): where it stands and, once done, its count and refused rows. */
export const serializeRateImport = defineSerializer(
  'CurrencyRateImport',
  Type.Object(
    {
      id: wire.uuid(),
      jobId: wire.uuid('The job running the import, as the live progress messages name it.'),
      status: wire.oneOf(
        RATE_IMPORT_STATUSES,
        '`queued` until the job has committed, then `completed`, or `failed` when the file as a whole was refused.'
      ),
      fileName: Type.String(),
      rows: Type.Integer({ description: 'Data rows of the file.' }),
      imported: wire.integerOrNull('Rates recorded; null until completed.'),
      rejected: Type.Array(
        Type.Object({
          line: Type.Integer({ description: 'Line of the file (1 is the header).' }),
          field: Type.String(),
          message: Type.String(),
        }),
        { description: 'Each refused row, in the language of the user who uploaded the file.' }
      ),
      error: Type.Union(
        [Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()],
        { description: 'Why the whole file was refused (`status: failed`).' }
      ),
      createdAt: wire.dateTime(),
      finishedAt: wire.dateTimeOrNull(),
    },
    {
      description:
        'A CSV file of daily rates, recorded by the `currencies.import_rates` job (its progress is broadcast on the live channel `users/<userId>/jobs`). ' +
        'Valid rows are recorded in one transaction; refused rows are listed in `rejected`.',
    }
  ),
  (rateImport: RateImport) => ({
    id: rateImport.id,
    jobId: rateImport.jobId,
    status: rateImport.status,
    fileName: rateImport.fileName,
    rows: rateImport.rowCount,
    imported: rateImport.importedCount ?? null,
    rejected: rateImport.rejected,
    error: rateImport.errorCode
      ? { code: rateImport.errorCode, message: rateImport.errorMessage ?? '' }
      : null,
    createdAt: isoTimestamp(rateImport.createdAt),
    finishedAt: isoTimestampOrNull(rateImport.finishedAt),
  })
)
