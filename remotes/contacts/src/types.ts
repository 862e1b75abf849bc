/*
 * The contacts wire types, all read from the SDK's generated OpenAPI types (the backend's serializers
 * and validators): none is written here by hand. The rest is the list screen's own state.
 */
import type {
  ApiOperations,
  Schemas,
  WireBody,
  WireOperation,
  WireQuery,
  WireResponse,
} from '@ia/sdk'

/** A customer or supplier, company or person, as the API answers it. */
export type Contact = Schemas['Contact']

/** Whether a contact is a company or an individual. */
export type ContactKind = Contact['kind']

/** The query string of the contacts list. */
export type ContactListQuery = NonNullable<WireQuery<WireOperation<'get', '/contacts'>>>

/** The query string of the CSV export (the list's filters). */
export type ContactExportQuery = NonNullable<
  WireQuery<WireOperation<'get', '/contacts/export.csv'>>
>

/** Role filter of the list: customers or suppliers. */
export type ContactRole = NonNullable<ContactListQuery['role']>

/** Which contacts the list shows with respect to archiving. */
export type ArchivedFilter = NonNullable<ContactListQuery['archived']>

/** Column the list can be sorted by. */
export type ContactSortKey = NonNullable<ContactListQuery['sort']>

/** Filters shared by the list and the CSV export. */
export interface ContactFilters {
  /** Free text, matched by the server without regard to accents or case. */
  q: string
  kind: ContactKind | ''
  role: ContactRole | ''
  tag: string
  archived: ArchivedFilter
}

/** Everything the list request sends: filters, order, page size and where the previous page ended. */
export interface ContactListParams extends ContactFilters {
  perPage: number
  sort: ContactSortKey
  order: NonNullable<ContactListQuery['order']>
  /** `meta.nextCursor` of the previous page; absent for the first page. */
  cursor?: string
}

/** One keyset page of contacts (the list answers one when asked for `paging=cursor`). */
export type ContactCursorPage = Extract<
  WireResponse<WireOperation<'get', '/contacts'>>,
  { meta: { nextCursor: unknown } }
>

/** Body of a create request (an update sends part of it). */
export type ContactInput = WireBody<WireOperation<'post', '/contacts'>>

/** What the server found in a CSV file before importing it. */
export type ImportPreview = Schemas['ContactImportPreview']

/** A field a CSV column can fill. */
export type ImportField = keyof NonNullable<
  ApiOperations['importContacts']['requestBody']['content']['multipart/form-data']['mapping']
>

/** Which column (0 for the first) fills each field; null leaves a field out. */
export type ImportMapping = Partial<Record<ImportField, number | null>>

/** One CSV row as the server read it. */
export type ImportPreviewRow = ImportPreview['rows'][number]

/** One problem found in a CSV row. */
export type ImportRowError = ImportPreviewRow['errors'][number]

/** A confirmed import, run by a background job; counts and errors are filled once it is done. */
export type ContactImport = Schemas['ContactImport']

/** Where an import stands: waiting for or inside its job, done, or refused as a whole. */
export type ContactImportStatus = ContactImport['status']

/** One problem of a row the import refused, with the line of the file it is on. */
export type ImportLineError = ContactImport['errors'][number]
