import type { ImportField, ImportMapping, ImportPreview, ImportRowError } from '../types'

/** The fields a CSV column can fill, in the order exports write them (the mapping screen lists them so). */
export const IMPORT_FIELDS = [
  'name',
  'kind',
  'isCustomer',
  'isSupplier',
  'email',
  'phone',
  'address',
  'city',
  'country',
  'rccm',
  'idNat',
  'nif',
  'preferredCurrency',
  'preferredLocale',
  'tags',
  'notes',
  'archivedAt',
] as const satisfies readonly ImportField[]

/** The field an error is about: `tags.2` (the third tag) is about the tags. */
export function errorField(error: Pick<ImportRowError, 'field'>): string {
  return error.field.split('.')[0]
}

/** Every field with the column that fills it (null: none), as the server read the headers or the user chose. */
export function fullMapping(preview: Pick<ImportPreview, 'mapping'>): Required<ImportMapping> {
  return Object.fromEntries(
    IMPORT_FIELDS.map((field) => [field, preview.mapping[field] ?? null])
  ) as Required<ImportMapping>
}

/**
 * The mapping once `field` takes `column` (null: none); a field that had that column loses it, since
 * one column fills one field.
 */
export function remap(
  mapping: Required<ImportMapping>,
  field: ImportField,
  column: number | null
): Required<ImportMapping> {
  const next = { ...mapping }
  if (column !== null)
    for (const other of IMPORT_FIELDS) if (next[other] === column) next[other] = null
  next[field] = column
  return next
}

/** Rows with problems first (what needs fixing), then the others, each group in file order. */
export function problemsFirst<Row extends { line: number; errors: unknown[] }>(
  rows: readonly Row[]
): Row[] {
  return [...rows].sort(
    (a, b) => Number(b.errors.length > 0) - Number(a.errors.length > 0) || a.line - b.line
  )
}
