import { useApi, type Paginated } from '@ia/sdk'
import type {
  Contact,
  ContactExportQuery,
  ContactFilters,
  ContactImport,
  ContactInput,
  ContactListParams,
  ContactListQuery,
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

/** Query string of a list request: filters, page, page size and order. */
export function listQuery(params: ContactListParams): ContactListQuery {
  return {
    page: params.page,
    perPage: params.perPage,
    sort: params.sort,
    order: params.order,
    ...filtersQuery(params),
  }
}

/** One page of the organisation's contacts. */
export function listContacts(params: ContactListParams, signal?: AbortSignal): Promise<Paginated<Contact>> {
  return useApi().get('/contacts', { query: listQuery(params), signal })
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
export async function updateContact(id: Contact['id'], input: Partial<ContactInput>): Promise<Contact> {
  return (await useApi().patch('/contacts/{contactId}', { path: { contactId: id }, body: input })).contact
}

/** Hides a contact from lists and pickers. */
export async function archiveContact(id: Contact['id']): Promise<Contact> {
  return (await useApi().post('/contacts/{contactId}/archive', { path: { contactId: id } })).contact
}

/** Brings an archived contact back. */
export async function unarchiveContact(id: Contact['id']): Promise<Contact> {
  return (await useApi().post('/contacts/{contactId}/unarchive', { path: { contactId: id } })).contact
}

function csvForm(file: File): FormData {
  const form = new FormData()
  form.append('file', file)
  return form
}

/** Reads a CSV file on the server and reports, row by row, what an import would do. */
export function previewContactImport(file: File): Promise<ImportPreview> {
  return useApi().post('/contacts/import/preview', { body: csvForm(file) })
}

/** Queues the import of the valid rows of a CSV file; a background job runs it. */
export async function importContacts(file: File): Promise<ContactImport> {
  return (await useApi().post('/contacts/import', { body: csvForm(file) })).import
}

/** Where an import stands, with its counts and per-row errors once done. */
export async function getContactImport(id: ContactImport['id']): Promise<ContactImport> {
  return (await useApi().get('/contacts/imports/{importId}', { path: { importId: id } })).import
}

/** Link downloading the contacts matching the filters as CSV. */
export function contactsExportUrl(filters: ContactFilters): string {
  return useApi().url('/contacts/export.csv', filtersQuery(filters))
}
