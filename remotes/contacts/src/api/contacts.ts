import { useApi } from '@ia/sdk'
import type {
  Contact,
  ContactCursorPage,
  ContactExportQuery,
  ContactFilters,
  ContactImport,
  ContactInput,
  ContactListParams,
  ContactListQuery,
  ImportMapping,
  ImportPreview,
} from '../types'

/** Query string of the filters; empty filters are left out, `archived` is always explicit. */
export function filtersQuery(filters: ContactFilters): ContactExportQuery {
  return {
    q: filters.q.trim() || undefined,
    kind: filters.kind || undefined,
    role: filters.role || undefined,
    tag: filters.tag.trim() || undefined,
    archived: filters.archived,
  }
}

/** Query string of a list request: keyset paging, page size, order, where the last page ended, filters. */
export function listQuery(params: ContactListParams): ContactListQuery {
  return {
    paging: 'cursor',
    perPage: params.perPage,
    sort: params.sort,
    order: params.order,
    cursor: params.cursor,
    ...filtersQuery(params),
  }
}

/** One page of the organisation's contacts, after `params.cursor` (from the start without one). */
export async function listContacts(
  params: ContactListParams,
  signal?: AbortSignal
): Promise<ContactCursorPage> {
  const answer = await useApi().get('/contacts', { query: listQuery(params), signal })
  // Asked for `paging=cursor`, the list answers a keyset page; a numbered page here would be a server fault.
  if (!('nextCursor' in answer.meta))
    throw new Error('The contacts list answered a numbered page to a cursor request')
  return answer as ContactCursorPage
}

/** One contact. */
export async function getContact(id: Contact['id']): Promise<Contact> {
  return (await useApi().get('/contacts/{contactId}', { path: { contactId: id } })).contact
}

/** Creates a contact; a 422 lists the invalid fields. */
export async function createContact(input: ContactInput): Promise<Contact> {
  return (await useApi().post('/contacts', { body: input })).contact
}

/** Changes a contact; `null` clears an optional field. */
export async function updateContact(
  id: Contact['id'],
  input: Partial<ContactInput>
): Promise<Contact> {
  return (await useApi().patch('/contacts/{contactId}', { path: { contactId: id }, body: input }))
    .contact
}

/** Hides a contact from lists and pickers. */
export async function archiveContact(id: Contact['id']): Promise<Contact> {
  return (await useApi().post('/contacts/{contactId}/archive', { path: { contactId: id } })).contact
}

/** Brings an archived contact back. */
export async function unarchiveContact(id: Contact['id']): Promise<Contact> {
  return (await useApi().post('/contacts/{contactId}/unarchive', { path: { contactId: id } }))
    .contact
}

/** The file and, when the user chose them, which column fills each field (empty for a field left out). */
function csvForm(file: File, mapping?: ImportMapping): FormData {
  const form = new FormData()
  form.append('file', file)
  for (const [field, column] of Object.entries(mapping ?? {}))
    form.append(`mapping[${field}]`, column === null ? '' : String(column))
  return form
}

/** Reads a CSV file on the server and reports, row by row, what an import would do, and how its columns are mapped. */
export function previewContactImport(file: File, mapping?: ImportMapping): Promise<ImportPreview> {
  return useApi().post('/contacts/import/preview', { body: csvForm(file, mapping) })
}

/** Queues the import of the valid rows of a CSV file, read with `mapping` when given; a background job runs it. */
export async function importContacts(file: File, mapping?: ImportMapping): Promise<ContactImport> {
  return (await useApi().post('/contacts/import', { body: csvForm(file, mapping) })).import
}

/** Link downloading an empty CSV file with the headers of the user's language. */
export function importTemplateUrl(): string {
  return useApi().url('/contacts/import/template.csv')
}

/** Link downloading the rows a completed import refused, with the reason, to correct and import again. */
export function rejectedRowsUrl(id: ContactImport['id']): string {
  return useApi().url('/contacts/imports/{importId}/rejected.csv', undefined, { importId: id })
}

/** Where an import stands, with its counts and per-row errors once done. */
export async function getContactImport(id: ContactImport['id']): Promise<ContactImport> {
  return (await useApi().get('/contacts/imports/{importId}', { path: { importId: id } })).import
}

/** Link downloading the contacts matching the filters as CSV. */
export function contactsExportUrl(filters: ContactFilters): string {
  return useApi().url('/contacts/export.csv', filtersQuery(filters))
}
