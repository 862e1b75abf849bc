import { defineSerializer, Type } from '@ia/kernel/contracts'
import type { ImportAnalysis } from '../services/contact_import.ts'
import { IMPORT_FIELDS } from '../services/contact_columns.ts'

const fieldErrors = Type.Array(
  Type.Object({
    field: Type.String(),
    message: Type.String({ description: "In the caller's language." }),
  })
)

/** What an import would do with a CSV file, row by row (the `ContactImportPreview` schema). */
export const serializeContactImportPreview = defineSerializer(
  'ContactImportPreview',
  Type.Object({
    header: Type.Array(Type.String(), {
      description: "The file's header row, one cell per column.",
    }),
    sample: Type.Array(Type.Array(Type.String()), {
      description:
        'The first data rows, one cell per column, to show beside each field while mapping.',
    }),
    mapping: Type.Record(Type.String(), Type.Integer(), {
      description: `Which column (0 for the first) fills each field (${IMPORT_FIELDS.join(', ')}): the one sent, else read from the headers. Send it back with the import.`,
    }),
    missing: Type.Array(Type.String(), {
      description:
        'Required fields no column fills (then no row is checked): map a column to them.',
    }),
    rows: Type.Array(
      Type.Object({
        line: Type.Integer(),
        data: Type.Record(Type.String(), Type.Unknown()),
        errors: fieldErrors,
      })
    ),
    valid: Type.Integer(),
    invalid: Type.Integer(),
    ignoredColumns: Type.Array(Type.String(), {
      description: 'Header cells that name no contact field.',
    }),
  }),
  ({ header, sample, mapping, missing, rows, valid, invalid, ignoredColumns }: ImportAnalysis) => ({
    header,
    sample,
    mapping: mapping as Record<string, number>,
    missing,
    rows,
    valid,
    invalid,
    ignoredColumns,
  })
)
