import { defineSerializer, Type } from '@ia/kernel/contracts'
import type { ImportAnalysis } from '../services/contact_import.ts'

const fieldErrors = Type.Array(
  Type.Object({ field: Type.String(), message: Type.String({ description: "In the caller's language." }) })
)

/** What an import would do with a CSV file, row by row (the `ContactImportPreview` schema). */
export const serializeContactImportPreview = defineSerializer(
  'ContactImportPreview',
  Type.Object({
    rows: Type.Array(
      Type.Object({ line: Type.Integer(), data: Type.Record(Type.String(), Type.Unknown()), errors: fieldErrors })
    ),
    valid: Type.Integer(),
    invalid: Type.Integer(),
    ignoredColumns: Type.Array(Type.String(), { description: 'Header cells that name no contact field.' }),
  }),
  ({ rows, valid, invalid, ignoredColumns }: ImportAnalysis) => ({ rows, valid, invalid, ignoredColumns })
)
