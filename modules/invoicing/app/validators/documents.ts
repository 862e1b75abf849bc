import vine from '@vinejs/vine'
import { MAX_PAGE } from '@ia/kernel/contracts'
import {
  CLIENT_CATEGORIES,
  DISPLAYED_STATUSES,
  DOCUMENT_KINDS,
  INVOICE_TYPES,
} from '../models/document.ts'
import { TAX_GROUP_CODES } from '../models/tax_group.ts'
import { RECURRING_FREQUENCIES, RECURRING_STATUSES } from '../models/recurring_invoice.ts'

/** A non-negative decimal written as text ("3", "1.5"): amounts and quantities never travel as JSON floats. */
export const DECIMAL = /^\d{1,14}(\.\d{1,6})?$/
const decimal = () => vine.string().trim().regex(DECIMAL)
const currency = () =>
  vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/)
const isoDate = () => vine.date({ formats: ['YYYY-MM-DD'] })

const line = vine.object({
  productId: vine.string().uuid().nullable().optional(),
  description: vine.string().trim().minLength(1).maxLength(500).optional(),
  quantity: decimal(),
  unit: vine.string().trim().maxLength(20).nullable().optional(),
  unitPrice: decimal().optional(),
  discountPercent: vine
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,4})?$/)
    .nullable()
    .optional(),
  discountAmount: decimal().nullable().optional(),
  taxGroup: vine.enum(TAX_GROUP_CODES).optional(),
})

const fields = {
  customerId: vine.string().uuid(),
  issueDate: isoDate().optional(),
  paymentTermsDays: vine.number().withoutDecimals().range([0, 365]).optional(),
  validUntil: isoDate().nullable().optional(),
  currency: currency().optional(),
  invoiceType: vine.enum(INVOICE_TYPES).optional(),
  clientCategory: vine.enum(CLIENT_CATEGORIES).optional(),
  notes: vine.string().trim().maxLength(5000).nullable().optional(),
  lines: vine.array(line).maxLength(500),
}

/**
 * Create a draft quote, invoice or credit note. A credit note names the issued invoice it credits;
 * without `lines` it copies all of the invoice's (a full credit note), else it credits the lines given.
 */
export const createDocumentValidator = vine.create({
  kind: vine.enum(DOCUMENT_KINDS),
  ...fields,
  customerId: fields.customerId.optional().requiredWhen('kind', '!=', 'credit_note'),
  lines: fields.lines.optional(),
  creditedDocumentId: vine.string().uuid().optional().requiredWhen('kind', '=', 'credit_note'),
})

/** Replace some fields of a draft; `lines`, when sent, replaces every line. */
export const updateDocumentValidator = vine.create({
  ...fields,
  customerId: fields.customerId.optional(),
  lines: fields.lines.optional(),
})

/** Page through documents. */
export const listDocumentsValidator = vine.create({
  kind: vine.enum(DOCUMENT_KINDS).optional(),
  status: vine.enum(DISPLAYED_STATUSES).optional(),
  customerId: vine.string().uuid().optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
  currency: currency().optional(),
  overdue: vine.boolean().optional(),
  q: vine.string().trim().maxLength(100).optional(),
  sort: vine.enum(['issueDate', 'dueDate', 'total'] as const).optional(),
  order: vine.enum(['asc', 'desc'] as const).optional(),
  perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
  cursor: vine.string().maxLength(500).optional(),
  page: vine.number().withoutDecimals().range([1, MAX_PAGE]).optional(),
})

/** The language of a printed document, and whether it is downloaded rather than shown. */
export const documentPdfValidator = vine.create({
  lang: vine.enum(['fr', 'en'] as const).optional(),
  download: vine.enum(['0', '1'] as const).optional(),
})

/** Sending a document: to whom (else the customer's address), in which language (else the organisation's), with a message. */
export const sendDocumentValidator = vine.create({
  to: vine.string().trim().email().maxLength(254).optional(),
  lang: vine.enum(['fr', 'en'] as const).optional(),
  message: vine.string().trim().maxLength(2000).optional(),
})

/** A recurring invoice: who, what, how often, from when (today or later) and until when. */
export const createRecurringValidator = vine.create({
  customerId: vine.string().uuid(),
  frequency: vine.enum(RECURRING_FREQUENCIES),
  startDate: isoDate(),
  endDate: isoDate().nullable().optional(),
  currency: currency().optional(),
  paymentTermsDays: fields.paymentTermsDays,
  clientCategory: fields.clientCategory,
  notes: fields.notes,
  lines: vine.array(line).minLength(1).maxLength(500),
  sendByEmail: vine.boolean().optional(),
})

/** Page through recurring invoices. */
export const listRecurringValidator = vine.create({
  status: vine.enum(RECURRING_STATUSES).optional(),
})
