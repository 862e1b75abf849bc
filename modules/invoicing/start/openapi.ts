/*
 * The invoicing module's part of the API reference (loaded by the platform): one description per
 * route; the response schemas are the serializers' own (app/transformers).
 */
import { describeRoute, listOf, wrapped, type RouteDoc } from '@ia/kernel/contracts'
import {
  serializeDocument,
  serializeDocumentSummary,
  serializePublicDocument,
  serializeTotals,
} from '../app/transformers/document_transformer.ts'
import { serializePayment } from '../app/transformers/payment_transformer.ts'
import { serializeRecurringInvoice } from '../app/transformers/recurring_transformer.ts'
import {
  serializeInvoicingSettings,
  serializeProduct,
  serializeSeries,
  serializeTaxGroup,
} from '../app/transformers/catalogue_transformer.ts'
import {
  createDocumentValidator,
  createRecurringValidator,
  documentPdfValidator,
  listRecurringValidator,
  listDocumentsValidator,
  sendDocumentValidator,
  updateDocumentValidator,
} from '../app/validators/documents.ts'
import { recordPaymentValidator, reversePaymentValidator } from '../app/validators/payments.ts'
import {
  addTaxRateValidator,
  createProductValidator,
  invoicingSettingsValidator,
  listProductsValidator,
  reminderSettingsValidator,
  seriesFormatValidator,
  updateProductValidator,
} from '../app/validators/catalogue.ts'

const tags = ['Invoicing']
const orgId = 'The organisation id (uuid).'
const documentId = 'The document id (uuid).'
const paymentId = 'The payment id (uuid).'
const productId = 'The product id (uuid).'
const forbidden = 'The caller lacks the permission: `E_FORBIDDEN`.'
const document = wrapped('document', serializeDocument.ref)
const payment = wrapped('payment', serializePayment.ref)
const product = wrapped('product', serializeProduct.ref)
const idempotency =
  ' Send an `Idempotency-Key` header to make a retry safe: the same key again answers the first answer (with `Idempotent-Replayed: true`) ' +
  'without a second effect, even when both arrive together; the same key with another body is a 422 `E_IDEMPOTENCY_KEY_REUSED` on `Idempotency-Key`.'
const route = (key: Parameters<typeof describeRoute>[0], doc: Omit<RouteDoc, 'tags'>) =>
  describeRoute(key, { tags, ...doc })

route('GET /api/v1/orgs/:orgId/invoicing/documents', {
  operationId: 'listInvoicingDocuments',
  summary: 'Page through quotes, invoices or credit notes',
  description:
    '`kind` is `invoice` by default; newest first by issue date. Keyset pages: send `meta.nextCursor` back as `cursor` (null at the end); ' +
    'a cursor made for another order is a 422 `E_DOCUMENT_INVALID_CURSOR`. `status=overdue` or `overdue=true`: open invoices past their due date.',
  permission: 'invoicing.invoice.read',
  params: { orgId },
  query: listDocumentsValidator,
  responses: {
    200: {
      description: 'One page (25 by default).',
      schema: {
        type: 'object',
        properties: {
          data: { type: 'array', items: serializeDocumentSummary.ref },
          meta: {
            type: 'object',
            properties: {
              perPage: { type: 'integer' },
              total: { type: ['integer', 'null'], description: 'Counted on the first page only.' },
              nextCursor: { type: ['string', 'null'] },
            },
            required: ['perPage', 'total', 'nextCursor'],
          },
        },
        required: ['data', 'meta'],
      },
    },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/invoicing/documents', {
  operationId: 'createInvoicingDocument',
  summary: 'Create a draft quote, invoice or credit note',
  description:
    'Amounts and quantities are decimal strings. A line names a product (its name, unit, price and tax group by default) or gives its own text and price. ' +
    'The customer must be a customer of the organisation (`E_CONTACT_NOT_FOUND` on `customerId` otherwise), the currency one it uses. ' +
    'A credit note names its invoice (`creditedDocumentId`), takes its customer, currency and rates, and without `lines` all of its lines (a full credit note).',
  permission: 'invoicing.invoice.create',
  params: { orgId },
  request: createDocumentValidator,
  requestExample: {
    kind: 'invoice',
    customerId: '00000000-0000-4000-8000-000000000000',
    currency: 'USD',
    paymentTermsDays: 30,
    lines: [{ description: 'Maintenance', quantity: '2', unitPrice: '150.00', taxGroup: 'B' }],
  },
  responses: { 201: { description: 'The draft.', schema: document }, 403: forbidden },
})
route('POST /api/v1/orgs/:orgId/invoicing/documents/preview', {
  operationId: 'previewInvoicingDocument',
  summary: 'The totals a draft would have, stored nowhere',
  description:
    "The same body and refusals as creating a draft; the editor calls it while lines are typed, so totals follow the server's one rounding rule.",
  permission: 'invoicing.invoice.create',
  params: { orgId },
  request: createDocumentValidator,
  requestExample: {
    kind: 'invoice',
    customerId: '00000000-0000-4000-8000-000000000000',
    lines: [{ description: 'Maintenance', quantity: '2', unitPrice: '150.00' }],
  },
  responses: {
    200: { description: 'The totals.', schema: wrapped('totals', serializeTotals.ref) },
    403: forbidden,
  },
})
route('GET /api/v1/orgs/:orgId/invoicing/documents/:documentId', {
  operationId: 'getInvoicingDocument',
  summary: 'A document with its lines, totals per tax group and timeline',
  permission: 'invoicing.invoice.read',
  params: { orgId, documentId },
  responses: { 200: { description: 'The document.', schema: document }, 403: forbidden },
})
route('PATCH /api/v1/orgs/:orgId/invoicing/documents/:documentId', {
  operationId: 'updateInvoicingDocument',
  summary: 'Change a draft (sent lines replace them all)',
  permission: 'invoicing.invoice.update',
  params: { orgId, documentId },
  request: updateDocumentValidator,
  requestExample: { notes: 'Merci de votre confiance.' },
  responses: {
    200: { description: 'The draft.', schema: document },
    403: forbidden,
    409: 'Issued: `E_DOCUMENT_NOT_DRAFT` (correct it with a credit note).',
  },
})
route('DELETE /api/v1/orgs/:orgId/invoicing/documents/:documentId', {
  operationId: 'deleteInvoicingDocument',
  summary: 'Delete a draft',
  permission: 'invoicing.invoice.delete',
  params: { orgId, documentId },
  responses: {
    204: 'Deleted.',
    403: forbidden,
    409: 'Issued documents are never deleted: `E_DOCUMENT_NOT_DRAFT`.',
  },
})
route('POST /api/v1/orgs/:orgId/invoicing/documents/:documentId/issue', {
  operationId: 'issueInvoicingDocument',
  summary:
    "Issue a draft: today's date, the next number of its series, rates and legal mentions frozen",
  description: 'A credit note reduces what its invoice owes (a full one cancels it).' + idempotency,
  permission: 'invoicing.invoice.issue',
  params: { orgId, documentId },
  responses: {
    200: { description: 'The issued document.', schema: document },
    403: forbidden,
    409: 'Already issued: `E_DOCUMENT_NOT_DRAFT`.',
    422: "No line, a tax group without a rate on the date, no exchange rate for the currency, a credit note above the invoice's balance, or a reused idempotency key.",
  },
})
route('POST /api/v1/orgs/:orgId/invoicing/documents/:documentId/send', {
  operationId: 'sendInvoicingDocument',
  summary:
    'Send a document to its customer by email with its PDF, issuing it first when still a draft',
  description:
    "The mail goes to `to`, else the customer's address, in `lang`, else the organisation's language, with the PDF attached and a link that opens it " +
    "without an account for 90 days; the PDF sent is kept in the organisation's files and the timeline records it." +
    idempotency,
  permission: 'invoicing.invoice.issue',
  params: { orgId, documentId },
  request: sendDocumentValidator,
  requestExample: {
    to: 'compta@brasserie.cd',
    lang: 'fr',
    message: 'Bonjour, voici la facture de novembre.',
  },
  responses: {
    200: { description: 'The document.', schema: document },
    403: forbidden,
    409: 'A cancelled document: `E_DOCUMENT_NOT_ISSUED`.',
    422: 'Issuing a draft failed (see issue), or no address to send to: `E_NO_RECIPIENT` on `to`.',
  },
})
route('POST /api/v1/orgs/:orgId/invoicing/quotes/:quoteId/invoice', {
  operationId: 'convertInvoicingQuote',
  summary: 'Make a draft invoice of an accepted quote',
  description:
    "The draft takes the quote's customer, currency, notes and lines, dated today; the quote's timeline and `invoiceDocumentId` name it. " +
    'Asking again answers the same invoice (200) instead of making a second one.',
  permission: 'invoicing.invoice.create',
  params: { orgId, quoteId: 'The id (uuid) of the quote its customer accepted.' },
  responses: {
    201: { description: 'The draft invoice, made now.', schema: document },
    200: { description: 'The draft invoice made earlier from this quote.', schema: document },
    403: forbidden,
    409: 'Not a quote (`E_NOT_QUOTE`) or a quote its customer has not accepted: `E_QUOTE_NOT_ACCEPTED`.',
    422: 'The customer or a product is no longer usable (see create).',
  },
})
route('GET /api/v1/orgs/:orgId/invoicing/documents/:documentId/pdf', {
  operationId: 'getInvoicingDocumentPdf',
  summary: 'The document as a PDF, in French or English',
  description:
    "Printed from what was frozen at issue (the parties' legal mentions, lines, tax rates, totals, exchange rate): an issued document gives the same bytes every time. " +
    "A draft is marked as such. `lang` defaults to the reader's language; `download=1` asks the browser to save it rather than show it.",
  permission: 'invoicing.invoice.read',
  params: { orgId, documentId },
  query: documentPdfValidator,
  responses: {
    200: {
      description: 'The PDF.',
      contentType: 'application/pdf',
      schema: { type: 'string', format: 'binary' },
    },
    403: forbidden,
  },
})
route('GET /api/v1/orgs/:orgId/invoicing/documents/:documentId/payments', {
  operationId: 'listInvoicingDocumentPayments',
  summary: 'The payments that settled an invoice, reversed ones included',
  permission: 'invoicing.payment.read',
  params: { orgId, documentId },
  responses: {
    200: { description: 'Newest first.', schema: listOf(serializePayment.ref) },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/invoicing/payments', {
  operationId: 'recordInvoicingPayment',
  summary: 'Record a payment against one or several invoices of one customer',
  description:
    "Each part is an amount of the payment's currency; in another currency than the invoice's it settles the invoice at the payment date's rate and the " +
    'exchange difference is kept. A part above the balance is a 422 `E_PAYMENT_ABOVE_BALANCE` on `allocations.N.amount`.' +
    idempotency,
  permission: 'invoicing.payment.create',
  params: { orgId },
  request: recordPaymentValidator,
  requestExample: {
    method: 'mobile_money',
    reference: 'MP240101.1234',
    currency: 'USD',
    allocations: [{ documentId: '00000000-0000-4000-8000-000000000000', amount: '100.00' }],
  },
  responses: { 201: { description: 'The payment.', schema: payment }, 403: forbidden },
})
route('GET /api/v1/orgs/:orgId/invoicing/payments/:paymentId', {
  operationId: 'getInvoicingPayment',
  summary: 'A payment and how it was split',
  permission: 'invoicing.payment.read',
  params: { orgId, paymentId },
  responses: { 200: { description: 'The payment.', schema: payment }, 403: forbidden },
})
route('POST /api/v1/orgs/:orgId/invoicing/payments/:paymentId/reverse', {
  operationId: 'reverseInvoicingPayment',
  summary: 'Reverse a payment (kept, marked reversed): what it settled is due again',
  description: idempotency.trim(),
  permission: 'invoicing.payment.reverse',
  params: { orgId, paymentId },
  request: reversePaymentValidator,
  requestExample: { reason: 'Chèque impayé' },
  responses: {
    200: { description: 'The reversed payment.', schema: payment },
    403: forbidden,
    409: 'Already reversed: `E_PAYMENT_ALREADY_REVERSED`.',
  },
})
const recurringInvoice = wrapped('recurringInvoice', serializeRecurringInvoice.ref)
const recurringId = 'The recurring invoice id (uuid).'
route('GET /api/v1/orgs/:orgId/invoicing/recurring-invoices', {
  operationId: 'listInvoicingRecurringInvoices',
  summary: 'The recurring invoices',
  permission: 'invoicing.invoice.read',
  params: { orgId },
  query: listRecurringValidator,
  responses: {
    200: {
      description: 'Newest first, 500 at most.',
      schema: listOf(serializeRecurringInvoice.ref),
    },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/invoicing/recurring-invoices', {
  operationId: 'createInvoicingRecurringInvoice',
  summary: 'Issue an invoice every month, quarter or year',
  description:
    'A job runs every day at 06:00 (Kinshasa) and issues each occurrence due: a draft made from these lines, issued at once ' +
    "(numbered in the invoice series, dated the day it is issued, priced with that day's tax rates). Once per occurrence however " +
    'many workers run; after a downtime the occurrences missed are issued once each. The first date is today or later; ' +
    'an occurrence falling after `endDate` is not issued and the template ends.',
  permission: 'invoicing.invoice.issue',
  params: { orgId },
  request: createRecurringValidator,
  requestExample: {
    customerId: '0b9b8a52-3f43-4c6e-9d1a-2f0f5f2c7a11',
    frequency: 'monthly',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    paymentTermsDays: 15,
    lines: [{ description: 'Maintenance', quantity: '1', unitPrice: '150', taxGroup: 'B' }],
  },
  responses: {
    201: { description: 'The recurring invoice.', schema: recurringInvoice },
    403: forbidden,
    422: 'A field is invalid, the first date is past (`E_RECURRING_START_PAST`), the end before it (`E_RECURRING_END_BEFORE_START`), or a line, customer or currency is refused as for a draft.',
  },
})
route('GET /api/v1/orgs/:orgId/invoicing/recurring-invoices/:recurringId', {
  operationId: 'getInvoicingRecurringInvoice',
  summary: 'One recurring invoice',
  permission: 'invoicing.invoice.read',
  params: { orgId, recurringId },
  responses: {
    200: { description: 'The recurring invoice.', schema: recurringInvoice },
    403: forbidden,
  },
})
for (const [action, summary] of [
  ['pause', 'Pause a recurring invoice (nothing is issued until resumed)'],
  [
    'resume',
    'Resume a paused recurring invoice (occurrences missed meanwhile are issued, up to its end)',
  ],
  ['end', 'End a recurring invoice for good'],
] as const) {
  route(`POST /api/v1/orgs/:orgId/invoicing/recurring-invoices/:recurringId/${action}`, {
    operationId: `${action}InvoicingRecurringInvoice`,
    summary,
    permission: 'invoicing.invoice.issue',
    params: { orgId, recurringId },
    responses: {
      200: {
        description: 'The recurring invoice (unchanged when already so).',
        schema: recurringInvoice,
      },
      403: forbidden,
      409: 'An ended recurring invoice: `E_RECURRING_ENDED`.',
    },
  })
}
const reminders = {
  type: 'object',
  properties: {
    reminders: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean' },
        firstAfterDays: {
          type: 'integer',
          description: 'Days after the due date of the first reminder.',
        },
        repeatEveryDays: {
          type: ['integer', 'null'],
          description: 'Days between the next reminders; null: one reminder.',
        },
        maxReminders: {
          type: 'integer',
          description: 'At most this many reminders per invoice (1-10).',
        },
      },
      required: ['enabled', 'firstAfterDays', 'repeatEveryDays', 'maxReminders'],
    },
  },
  required: ['reminders'],
} as const
route('GET /api/v1/orgs/:orgId/invoicing/reminders', {
  operationId: 'getInvoicingReminders',
  summary: 'The overdue reminders schedule',
  permission: 'invoicing.invoice.read',
  params: { orgId },
  responses: {
    200: { description: 'The schedule (off by default).', schema: reminders },
    403: forbidden,
  },
})
route('PUT /api/v1/orgs/:orgId/invoicing/reminders', {
  operationId: 'updateInvoicingReminders',
  summary: 'Set the overdue reminders schedule',
  description:
    "Every day at 08:00 (Kinshasa) each open invoice past its due date whose schedule calls for a reminder gets one by email, in the organisation's language, " +
    'with its PDF and the customer link; at most one per invoice and run, each recorded on its timeline (`reminded`). A customer without an address gets none: that reminder is recorded as skipped on the timeline (`reminder_skipped`) and the schedule moves on.',
  permission: 'invoicing.settings.manage',
  params: { orgId },
  request: reminderSettingsValidator,
  requestExample: { enabled: true, firstAfterDays: 3, repeatEveryDays: 7, maxReminders: 3 },
  responses: {
    200: { description: 'The schedule.', schema: reminders },
    403: forbidden,
    422: 'A field is out of range, or several reminders without `repeatEveryDays`: `E_REMINDER_SCHEDULE`.',
  },
})
route('GET /api/v1/orgs/:orgId/invoicing/products', {
  operationId: 'listInvoicingProducts',
  summary: 'Search the catalogue',
  permission: 'invoicing.product.read',
  params: { orgId },
  query: listProductsValidator,
  responses: {
    200: { description: 'By name, 500 at most.', schema: listOf(serializeProduct.ref) },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/invoicing/products', {
  operationId: 'createInvoicingProduct',
  summary: 'Add a product or service to the catalogue',
  permission: 'invoicing.product.create',
  params: { orgId },
  request: createProductValidator,
  requestExample: {
    kind: 'service',
    code: 'MAINT',
    nameFr: 'Maintenance',
    nameEn: 'Maintenance',
    unit: 'h',
    price: '25.00',
    currency: 'USD',
    taxGroup: 'B',
  },
  responses: {
    201: { description: 'The product.', schema: product },
    403: forbidden,
    422: 'Invalid input, or the code is taken (`E_PRODUCT_CODE_TAKEN`).',
  },
})
route('GET /api/v1/orgs/:orgId/invoicing/products/:productId', {
  operationId: 'getInvoicingProduct',
  summary: 'A catalogue entry',
  permission: 'invoicing.product.read',
  params: { orgId, productId },
  responses: { 200: { description: 'The product.', schema: product }, 403: forbidden },
})
route('PATCH /api/v1/orgs/:orgId/invoicing/products/:productId', {
  operationId: 'updateInvoicingProduct',
  summary: "Change some of a product's fields (documents already made keep their lines)",
  permission: 'invoicing.product.update',
  params: { orgId, productId },
  request: updateProductValidator,
  requestExample: { price: '30.00' },
  responses: { 200: { description: 'The product.', schema: product }, 403: forbidden },
})
route('POST /api/v1/orgs/:orgId/invoicing/products/:productId/archive', {
  operationId: 'archiveInvoicingProduct',
  summary: 'Archive a product (no longer offered on new lines)',
  permission: 'invoicing.product.archive',
  params: { orgId, productId },
  responses: { 200: { description: 'The product.', schema: product }, 403: forbidden },
})
route('POST /api/v1/orgs/:orgId/invoicing/products/:productId/unarchive', {
  operationId: 'unarchiveInvoicingProduct',
  summary: 'Offer an archived product again',
  permission: 'invoicing.product.archive',
  params: { orgId, productId },
  responses: { 200: { description: 'The product.', schema: product }, 403: forbidden },
})
route('GET /api/v1/orgs/:orgId/invoicing/tax-groups', {
  operationId: 'listInvoicingTaxGroups',
  summary: 'The DGI tax groups A to P with their rates by date',
  permission: 'invoicing.tax.read',
  params: { orgId },
  responses: {
    200: { description: 'By letter.', schema: listOf(serializeTaxGroup.ref) },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/invoicing/tax-groups/:code/rates', {
  operationId: 'addInvoicingTaxRate',
  summary: "Add a group's next rate from a date, or a rate for a set period (an exemption)",
  permission: 'invoicing.tax.manage',
  params: {
    orgId,
    code: {
      description: "The group's letter, A to P.",
      schema: { type: 'string', pattern: '^[A-Pa-p]$' },
    },
  },
  request: addTaxRateValidator,
  requestExample: {
    rate: '0',
    validFrom: '2027-01-01',
    validTo: '2027-06-30',
    note: 'Exonération temporaire',
  },
  responses: {
    201: { description: 'Every group, with the new rate.', schema: listOf(serializeTaxGroup.ref) },
    403: forbidden,
  },
})
route('GET /api/v1/orgs/:orgId/invoicing/series', {
  operationId: 'listInvoicingSeries',
  summary: 'The numbering series and where their counters stand this year',
  permission: 'invoicing.invoice.read',
  params: { orgId },
  responses: {
    200: { description: 'Invoices, quotes and credit notes.', schema: listOf(serializeSeries.ref) },
    403: forbidden,
  },
})
route('PUT /api/v1/orgs/:orgId/invoicing/series/:kind', {
  operationId: 'updateInvoicingSeries',
  summary: "Change a series' number format (numbers already taken keep theirs)",
  permission: 'invoicing.settings.manage',
  params: {
    orgId,
    kind: {
      description: 'invoice, quote or credit_note.',
      schema: { type: 'string', enum: ['invoice', 'quote', 'credit_note'] },
    },
  },
  request: seriesFormatValidator,
  requestExample: { format: 'F{YY}-{NNNNN}' },
  responses: {
    200: { description: 'Every series.', schema: listOf(serializeSeries.ref) },
    403: forbidden,
    422: 'A format without the year or the counter: `E_SERIES_FORMAT`.',
  },
})

const publicDocument = wrapped('document', serializePublicDocument.ref)
describeRoute('GET /api/v1/public/invoicing/:token', {
  tags,
  operationId: 'getPublicInvoicingDocument',
  summary: 'A document as its customer sees it from the link in their email, without an account',
  description:
    'The answer carries an `ETag`: the customer page polls with `If-None-Match` and gets a 304 while nothing changed (a payment, an answer, the due date passing change it).',
  params: { token: 'The token of the emailed link.' },
  responses: {
    200: {
      description:
        "The document, and where to pay it online (a payment module's page) while an invoice is open, else null.",
      schema: {
        type: 'object',
        properties: {
          document: serializePublicDocument.ref,
          payUrl: { type: ['string', 'null'] },
        },
        required: ['document', 'payUrl'],
      },
    },
    304: 'Unchanged since the `ETag` sent in `If-None-Match`.',
    404: 'Unknown, altered or expired link, or a document no longer to be shown: `E_PUBLIC_LINK_INVALID`.',
  },
})
for (const [answer, verb] of [
  ['accept', 'accepts'],
  ['refuse', 'refuses'],
] as const) {
  describeRoute(`POST /api/v1/public/invoicing/:token/${answer}`, {
    tags,
    operationId: `${answer}PublicInvoicingQuote`,
    summary: `The customer ${verb} a quote from its link`,
    description:
      "Recorded on the quote's timeline. The same answer twice is one answer (the same reply); the other answer after one was given is refused.",
    params: { token: 'The token of the emailed link.' },
    responses: {
      200: { description: 'The quote.', schema: publicDocument },
      404: 'Unknown, altered or expired link: `E_PUBLIC_LINK_INVALID`.',
      409: 'Not a quote (`E_NOT_QUOTE`), or answered the other way already: `E_QUOTE_ANSWERED`.',
      422: 'After the validity date: `E_QUOTE_EXPIRED` on `validUntil`, naming the date.',
    },
  })
}
route('GET /api/v1/orgs/:orgId/invoicing/settings', {
  operationId: 'getInvoicingSettings',
  summary: "The organisation's invoicing defaults",
  permission: 'invoicing.invoice.read',
  params: { orgId },
  responses: {
    200: {
      description: 'The defaults (zero days of payment terms until set).',
      schema: wrapped('settings', serializeInvoicingSettings.ref),
    },
    403: forbidden,
  },
})
route('PUT /api/v1/orgs/:orgId/invoicing/settings', {
  operationId: 'updateInvoicingSettings',
  summary: "Change the organisation's invoicing defaults",
  description:
    'A new invoice that names no payment terms gets `defaultPaymentTermsDays`; drafts already saved keep theirs.',
  permission: 'invoicing.settings.manage',
  params: { orgId },
  request: invoicingSettingsValidator,
  requestExample: { defaultPaymentTermsDays: 30 },
  responses: {
    200: {
      description: 'The defaults as stored.',
      schema: wrapped('settings', serializeInvoicingSettings.ref),
    },
    403: forbidden,
  },
})

describeRoute('GET /api/v1/public/invoicing/:token/pdf', {
  tags,
  operationId: 'getPublicInvoicingDocumentPdf',
  summary: 'A document opened from the link in its email, without an account',
  description:
    'The token is signed and encrypted by the platform and expires after 90 days; drafts and cancelled documents are never shown.',
  params: { token: 'The token of the emailed link.' },
  query: documentPdfValidator,
  responses: {
    200: {
      description: 'The PDF.',
      contentType: 'application/pdf',
      schema: { type: 'string', format: 'binary' },
    },
    404: 'Unknown, altered or expired link, or a document no longer to be shown: `E_PUBLIC_LINK_INVALID`.',
  },
})
