/*
 * The contacts module's part of the API reference (loaded by the platform): the contact schema and
 * one description per route. A platform test fails when a route of this module is not described here.
 */
import { defineSchemas, describeRoute, pageOf, schemaRef, wrapped } from '@ia/platform/contracts'
import { CONTACT_KINDS, CONTACT_LOCALES } from '../app/models/contact.ts'
import { CONTACT_IMPORT_STATUSES } from '../app/models/contact_import.ts'
import {
  createContactValidator,
  exportContactsValidator,
  importContactsValidator,
  listContactsValidator,
  updateContactValidator,
} from '../app/validators/contact.ts'

const text = (description?: string) => ({ type: ['string', 'null'], ...(description ? { description } : {}) })
const dateTime = { type: 'string', format: 'date-time' }
const fieldErrors = {
  type: 'array',
  items: {
    type: 'object',
    properties: { field: { type: 'string' }, message: { type: 'string', description: "In the caller's language." } },
    required: ['field', 'message'],
  },
}

defineSchemas({
  Contact: {
    type: 'object',
    description: 'A customer or supplier of the organisation, company or person.',
    properties: {
      id: { type: 'string', format: 'uuid' },
      kind: { enum: [...CONTACT_KINDS] },
      name: { type: 'string' },
      isCustomer: { type: 'boolean' },
      isSupplier: { type: 'boolean' },
      email: text(),
      phone: text('E.164, e.g. `+243810000000`.'),
      address: text(),
      city: text(),
      country: text('ISO 3166-1 alpha-2 code.'),
      rccm: text('Trade register number (RCCM).'),
      idNat: text('National identification number.'),
      nif: text('Tax identification number (NIF).'),
      preferredCurrency: text('ISO 4217 code.'),
      preferredLocale: { enum: [...CONTACT_LOCALES, null] },
      tags: { type: 'array', items: { type: 'string' }, description: 'Lower-case.' },
      notes: text(),
      archivedAt: { type: ['string', 'null'], format: 'date-time' },
      createdAt: dateTime,
      updatedAt: dateTime,
    },
    required: ['id', 'kind', 'name', 'isCustomer', 'isSupplier', 'tags', 'archivedAt', 'createdAt', 'updatedAt'],
  },
  ContactImportPreview: {
    type: 'object',
    properties: {
      rows: {
        type: 'array',
        items: {
          type: 'object',
          properties: { line: { type: 'integer' }, data: { type: 'object' }, errors: fieldErrors },
          required: ['line', 'data', 'errors'],
        },
      },
      valid: { type: 'integer' },
      invalid: { type: 'integer' },
      ignoredColumns: { type: 'array', items: { type: 'string' }, description: 'Header cells that name no contact field.' },
    },
    required: ['rows', 'valid', 'invalid', 'ignoredColumns'],
  },
  ContactImport: {
    type: 'object',
    description:
      'A confirmed CSV import, run by the `contacts.import` job (its progress is broadcast on the live channel `users/<userId>/jobs`). ' +
      'Valid rows are saved in one transaction, each announced by `contacts.contact.created`; refused rows are listed in `errors`.',
    properties: {
      id: { type: 'string', format: 'uuid' },
      jobId: { type: 'string', format: 'uuid', description: 'The job running the import, as the live progress messages name it.' },
      status: {
        enum: [...CONTACT_IMPORT_STATUSES],
        description: '`queued` until the job has committed (a job that failed for good is retried from the jobs page), then `completed`, or `failed` when the file as a whole was refused.',
      },
      fileName: { type: 'string' },
      rows: { type: 'integer', description: 'Data rows of the file.' },
      imported: { type: ['integer', 'null'], description: 'Contacts created; null until completed.' },
      skipped: { type: ['integer', 'null'], description: 'Rows refused; null until completed.' },
      errors: {
        type: 'array',
        description: 'One entry per problem of a refused row, in the language of the user who started the import.',
        items: {
          type: 'object',
          properties: { line: { type: 'integer', description: 'Line of the file (1 is the header).' }, field: { type: 'string' }, message: { type: 'string' } },
          required: ['line', 'field', 'message'],
        },
      },
      error: {
        type: ['object', 'null'],
        description: 'Why the whole file was refused (`status: failed`).',
        properties: { code: { type: 'string' }, message: { type: 'string' } },
      },
      createdAt: dateTime,
      finishedAt: { type: ['string', 'null'], format: 'date-time' },
    },
    required: ['id', 'jobId', 'status', 'fileName', 'rows', 'imported', 'skipped', 'errors', 'error', 'createdAt', 'finishedAt'],
  },
})

const tags = ['Contacts']
const orgId = 'The organisation id (uuid).'
const contactId = 'The contact id (uuid).'
const contact = wrapped('contact', schemaRef('Contact'))
const contactImport = wrapped('import', schemaRef('ContactImport'))
/** A keyset page: its items and the cursor of the next one. */
const cursorPageOf = (item: Record<string, unknown>) => ({
  type: 'object',
  properties: {
    data: { type: 'array', items: item },
    meta: {
      type: 'object',
      properties: {
        perPage: { type: 'integer' },
        total: { type: ['integer', 'null'], description: 'Contacts matching the filters; counted on the first page only (null after).' },
        nextCursor: { type: ['string', 'null'], description: 'Opaque; null on the last page.' },
      },
      required: ['perPage', 'total', 'nextCursor'],
    },
  },
  required: ['data', 'meta'],
})
const forbidden = 'The caller lacks the permission: `E_FORBIDDEN`.'
const badFile = 'Not a CSV text file, empty, malformed, too long or with two columns for one field: `E_IMPORT_*` with `field: "file"`.'

describeRoute('GET /api/v1/orgs/:orgId/contacts', {
  operationId: 'listContacts',
  summary: 'Search and page through contacts',
  description:
    '`archived` is `false` by default; `q` searches the name, email, phone and identifiers. Numbered pages by default; ' +
    'with `paging=cursor`, keyset pages: send `meta.nextCursor` back as `cursor` for the next page (null at the end). ' +
    'A cursor made for another `sort` or `order`, or edited, is a 422 `E_CONTACT_INVALID_CURSOR` on `cursor`.',
  tags,
  permission: 'contacts.contact.read',
  params: { orgId },
  query: listContactsValidator,
  responses: {
    200: { description: 'One page (25 contacts by default).', schema: { oneOf: [pageOf(schemaRef('Contact')), cursorPageOf(schemaRef('Contact'))] } },
    403: forbidden,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/contacts', {
  operationId: 'createContact',
  summary: 'Create a contact',
  tags,
  permission: 'contacts.contact.create',
  params: { orgId },
  request: createContactValidator,
  requestExample: { kind: 'company', name: 'Brasserie de Kinshasa', isCustomer: true, isSupplier: false, phone: '0810000000', country: 'CD', tags: ['grossiste'] },
  responses: {
    201: { description: 'Created.', schema: contact },
    403: forbidden,
    422: 'Invalid input, or another active contact has this email (`E_CONTACT_EMAIL_TAKEN`).',
  },
})
describeRoute('GET /api/v1/orgs/:orgId/contacts/export.csv', {
  operationId: 'exportContacts',
  summary: 'Export the contacts matching the filters as CSV',
  tags,
  permission: 'contacts.contact.export',
  params: { orgId },
  query: exportContactsValidator,
  responses: { 200: { description: 'A CSV file (UTF-8).', schema: { type: 'string' }, contentType: 'text/csv' }, 403: forbidden },
})
describeRoute('POST /api/v1/orgs/:orgId/contacts/import/preview', {
  operationId: 'previewContactImport',
  summary: 'Check a CSV file row by row without saving anything',
  tags,
  permission: 'contacts.contact.import',
  params: { orgId },
  request: importContactsValidator,
  responses: { 200: { description: 'Each row, with its errors.', schema: schemaRef('ContactImportPreview') }, 403: forbidden, 422: badFile },
})
describeRoute('POST /api/v1/orgs/:orgId/contacts/import', {
  operationId: 'importContacts',
  summary: 'Queue the import of the valid rows of a CSV file',
  description:
    'The file is checked as a whole at once (422), stored, and imported by a job: follow its progress on the live channel, ' +
    'then read the result with `GET /contacts/imports/{importId}`.',
  tags,
  permission: 'contacts.contact.import',
  params: { orgId },
  request: importContactsValidator,
  responses: { 202: { description: 'The import, queued.', schema: contactImport }, 403: forbidden, 422: badFile },
})
describeRoute('GET /api/v1/orgs/:orgId/contacts/imports/:importId', {
  operationId: 'getContactImport',
  summary: 'Where an import stands, and its result once done',
  tags,
  permission: 'contacts.contact.import',
  params: { orgId, importId: 'The import id (uuid).' },
  responses: { 200: { description: 'The import.', schema: contactImport }, 403: forbidden },
})
describeRoute('GET /api/v1/orgs/:orgId/contacts/:contactId', {
  operationId: 'getContact',
  summary: 'A contact',
  tags,
  permission: 'contacts.contact.read',
  params: { orgId, contactId },
  responses: { 200: { description: 'The contact.', schema: contact }, 403: forbidden },
})
describeRoute('PATCH /api/v1/orgs/:orgId/contacts/:contactId', {
  operationId: 'updateContact',
  summary: "Change some of a contact's fields",
  tags,
  permission: 'contacts.contact.update',
  params: { orgId, contactId },
  request: updateContactValidator,
  requestExample: { city: 'Lubumbashi' },
  responses: {
    200: { description: 'The updated contact.', schema: contact },
    403: forbidden,
    422: 'Invalid input, or another active contact has this email (`E_CONTACT_EMAIL_TAKEN`).',
  },
})
describeRoute('POST /api/v1/orgs/:orgId/contacts/:contactId/archive', {
  operationId: 'archiveContact',
  summary: 'Archive a contact (hidden from lists, kept for history)',
  tags,
  permission: 'contacts.contact.archive',
  params: { orgId, contactId },
  responses: { 200: { description: 'The archived contact.', schema: contact }, 403: forbidden },
})
describeRoute('POST /api/v1/orgs/:orgId/contacts/:contactId/unarchive', {
  operationId: 'unarchiveContact',
  summary: 'Bring an archived contact back',
  tags,
  permission: 'contacts.contact.archive',
  params: { orgId, contactId },
  responses: {
    200: { description: 'The contact.', schema: contact },
    403: forbidden,
    409: 'Another active contact has its email: `E_CONTACT_EMAIL_TAKEN`.',
  },
})
