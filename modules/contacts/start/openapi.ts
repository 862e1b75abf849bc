/*
 * The contacts module's part of the API reference (loaded by the platform): the contact schema and
 * one description per route. A platform test fails when a route of this module is not described here.
 */
import { defineSchemas, describeRoute, pageOf, schemaRef, wrapped } from '@ia/platform/contracts'
import { CONTACT_KINDS, CONTACT_LOCALES } from '../app/models/contact.ts'
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
  ContactImportResult: {
    type: 'object',
    properties: {
      imported: { type: 'integer' },
      skipped: { type: 'integer' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          properties: { line: { type: 'integer' }, field: { type: 'string' }, message: { type: 'string' } },
          required: ['line', 'field', 'message'],
        },
      },
    },
    required: ['imported', 'skipped', 'errors'],
  },
})

const tags = ['Contacts']
const orgId = 'The organisation id (uuid).'
const contactId = 'The contact id (uuid).'
const contact = wrapped('contact', schemaRef('Contact'))
const forbidden = 'The caller lacks the permission: `E_FORBIDDEN`.'
const badFile = 'Not a CSV text file, empty, malformed or too long: `E_IMPORT_*` with `field: "file"`.'

describeRoute('GET /api/v1/orgs/:orgId/contacts', {
  operationId: 'listContacts',
  summary: 'Search and page through contacts',
  description: '`archived` is `false` by default; `q` searches the name, email, phone and identifiers.',
  tags,
  permission: 'contacts.contact.read',
  params: { orgId },
  query: listContactsValidator,
  responses: { 200: { description: 'One page (25 contacts by default).', schema: pageOf(schemaRef('Contact')) }, 403: forbidden },
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
  summary: 'Import the valid rows of a CSV file (one transaction)',
  tags,
  permission: 'contacts.contact.import',
  params: { orgId },
  request: importContactsValidator,
  responses: { 200: { description: 'What was imported and skipped.', schema: schemaRef('ContactImportResult') }, 403: forbidden, 422: badFile },
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
