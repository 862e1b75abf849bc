/*
 * The contacts module's part of the API reference (loaded by the platform): one description per route;
 * the response schemas are the serializers' own (app/transformers). A platform test fails when a route
 * of this module is not described here.
 */
import { describeRoute, pageOf, wrapped } from '@ia/kernel/contracts'
import { serializeContact } from '../app/transformers/contact_transformer.ts'
import { serializeContactImport } from '../app/transformers/contact_import_transformer.ts'
import { serializeContactImportPreview } from '../app/transformers/contact_import_preview_transformer.ts'
import {
  createContactValidator,
  exportContactsValidator,
  importContactsValidator,
  listContactsValidator,
  updateContactValidator,
} from '../app/validators/contact.ts'

const tags = ['Contacts']
const orgId = 'The organisation id (uuid).'
const contactId = 'The contact id (uuid).'
const contact = wrapped('contact', serializeContact.ref)
const contactImport = wrapped('import', serializeContactImport.ref)
/** A keyset page: its items and the cursor of the next one. */
const cursorPageOf = (item: Record<string, unknown>) => ({
  type: 'object',
  properties: {
    data: { type: 'array', items: item },
    meta: {
      type: 'object',
      properties: {
        perPage: { type: 'integer' },
        total: {
          type: ['integer', 'null'],
          description:
            'Contacts matching the filters; counted on the first page only (null after).',
        },
        nextCursor: { type: ['string', 'null'], description: 'Opaque; null on the last page.' },
      },
      required: ['perPage', 'total', 'nextCursor'],
    },
  },
  required: ['data', 'meta'],
})
const forbidden = 'The caller lacks the permission: `E_FORBIDDEN`.'
const badFile =
  'Not a CSV text file, empty, malformed, too long or with two columns for one field: `E_IMPORT_*` with `field: "file"`; ' +
  'a `mapping` naming a column the file lacks or giving one column two fields: `E_IMPORT_MAPPING_*` on `mapping.<field>`.'
const csvFile = (description: string) => ({
  description,
  schema: { type: 'string' },
  contentType: 'text/csv',
})

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
    200: {
      description: 'One page (25 contacts by default).',
      schema: { oneOf: [pageOf(serializeContact.ref), cursorPageOf(serializeContact.ref)] },
    },
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
  requestExample: {
    kind: 'company',
    name: 'Brasserie de Kinshasa',
    isCustomer: true,
    isSupplier: false,
    phone: '0810000000',
    country: 'CD',
    tags: ['grossiste'],
  },
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
  responses: { 200: csvFile('A CSV file (UTF-8).'), 403: forbidden },
})
describeRoute('GET /api/v1/orgs/:orgId/contacts/import/template.csv', {
  operationId: 'getContactImportTemplate',
  summary: "An empty CSV file to fill in, its headers in the caller's language",
  tags,
  permission: 'contacts.contact.import',
  params: { orgId },
  responses: {
    200: csvFile('The header line (UTF-8 with BOM; `;` in French, `,` in English).'),
    403: forbidden,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/contacts/import/preview', {
  operationId: 'previewContactImport',
  summary: 'Check a CSV file row by row without saving anything',
  description:
    'Answers the header row, the first rows and which column fills which field, so a client can let the user map columns ' +
    'whose headers name no field, and send the same `mapping` with the import. Without a name column no row is checked (`missing`).',
  tags,
  permission: 'contacts.contact.import',
  params: { orgId },
  request: importContactsValidator,
  responses: {
    200: { description: 'Each row, with its errors.', schema: serializeContactImportPreview.ref },
    403: forbidden,
    422: badFile,
  },
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
  responses: {
    202: { description: 'The import, queued.', schema: contactImport },
    403: forbidden,
    422: badFile,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/contacts/imports/:importId', {
  operationId: 'getContactImport',
  summary: 'Where an import stands, and its result once done',
  tags,
  permission: 'contacts.contact.import',
  params: { orgId, importId: 'The import id (uuid).' },
  responses: { 200: { description: 'The import.', schema: contactImport }, 403: forbidden },
})
describeRoute('GET /api/v1/orgs/:orgId/contacts/imports/:importId/rejected.csv', {
  operationId: 'getContactImportRejectedRows',
  summary: 'The rows a completed import refused, with the reason, to correct and import again',
  description:
    'The refused rows as the file had them, under the headers exports write, and a last column with the reasons (ignored by the import). 404 until the import is completed.',
  tags,
  permission: 'contacts.contact.import',
  params: { orgId, importId: 'The import id (uuid).' },
  responses: { 200: csvFile('A CSV file (UTF-8 with BOM).'), 403: forbidden },
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
