/** Column names the import reads (the server also accepts French headers), in the order exports write them. */
export const CSV_COLUMNS = [
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
] as const

/** A `data:` URL of an empty CSV file with the header line, for the template download link. */
export function csvTemplateUrl(): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`${CSV_COLUMNS.join(',')}\r\n`)}`
}
