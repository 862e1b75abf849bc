import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { organizations } from '@ia/kernel/contracts'
import { contactsDirectory, type ContactSummary } from '@ia/contacts/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import type Document from '../models/document.ts'
import { type ClientCategory, type DocumentKind, type InvoiceType } from '../models/document.ts'
import DocumentLine from '../models/document_line.ts'
import { invoicingErrors } from '../errors.ts'
import { priceLines, type LineInput, type PricedDocument } from './document_lines.ts'

/** Who acts, for the timeline and the audit log (no one: a scheduled job, e.g. a recurring invoice of a user since deleted). */
export type Actor = { userId: string | null; ip: string | null }

/** What a draft is made of, as the user sends it (dates as YYYY-MM-DD). */
export type DraftFields = {
  customerId: string
  issueDate?: string
  paymentTermsDays?: number
  validUntil?: string | null
  currency?: string
  invoiceType?: InvoiceType
  clientCategory?: ClientCategory
  notes?: string | null
  lines: LineInput[]
}

const CREDIT_TYPES: readonly InvoiceType[] = ['credit_note', 'export_credit_note']

/** The invoice type a document gets when none is given, and whether a given one fits its kind. */
function invoiceTypeFor(
  kind: DocumentKind,
  customer: ContactSummary,
  given: InvoiceType | undefined,
  credited: Document | null
) {
  const abroad = !!customer.country && customer.country !== 'CD'
  if (kind === 'credit_note') {
    const type =
      given ?? (credited?.invoiceType === 'export' || abroad ? 'export_credit_note' : 'credit_note')
    if (!CREDIT_TYPES.includes(type)) throw invoicingErrors.invoiceTypeMismatch()
    return type
  }
  const type = given ?? (abroad ? 'export' : 'sale')
  if (CREDIT_TYPES.includes(type)) throw invoicingErrors.invoiceTypeMismatch()
  return type
}

/** `date` plus `days`, as YYYY-MM-DD. */
export function addDays(date: string, days: number) {
  return DateTime.fromISO(date).plus({ days }).toISODate()!
}

/**
 * Everything stored of a draft, computed from what the user sent: the customer checked through the
 * contacts module (another organisation's is a 422 on `customerId`), the currency among the
 * organisation's, the lines priced with the tax rates of `taxDate` (the credited invoice's date for a
 * credit note, else the document's own), due date from the payment terms.
 */
export async function resolveDraft(
  trx: TransactionClientContract,
  organizationId: string,
  kind: DocumentKind,
  fields: DraftFields & { issueDate: string },
  credited: Document | null
) {
  const customer = await contactsDirectory.assertContactBelongs(
    organizationId,
    fields.customerId,
    { field: 'customerId', role: 'customer' },
    trx
  )
  const settings = await currenciesService.settings(organizationId, { client: trx })
  const currency =
    credited?.currency ??
    fields.currency ??
    pickCurrency(
      customer,
      settings.currencies.map((entry) => entry.code),
      settings.defaultCurrency
    )
  await currenciesService.assertCurrencyUsed(organizationId, currency, {
    client: trx,
    field: 'currency',
  })
  const profile = await organizations.find(organizationId, trx)
  const locale = customer.preferredLocale ?? profile?.locale ?? 'fr'
  const taxDate = credited ? credited.issueDate.toISODate()! : fields.issueDate
  const priced = await priceLines(
    trx,
    organizationId,
    { currency, taxDate, customer, locale },
    fields.lines
  )
  const paymentTermsDays = kind === 'invoice' ? (fields.paymentTermsDays ?? 0) : 0
  return {
    customer,
    priced,
    attributes: {
      kind,
      customerId: customer.id,
      customerName: customer.name,
      issueDate: DateTime.fromISO(fields.issueDate),
      paymentTermsDays,
      dueDate:
        kind === 'invoice' ? DateTime.fromISO(addDays(fields.issueDate, paymentTermsDays)) : null,
      validUntil:
        kind === 'quote' && fields.validUntil ? DateTime.fromISO(fields.validUntil) : null,
      currency,
      reportingCurrency: settings.reportingCurrency,
      invoiceType: invoiceTypeFor(kind, customer, fields.invoiceType, credited),
      clientCategory: fields.clientCategory ?? (customer.kind === 'person' ? 'PP' : 'PM'),
      notes: fields.notes ?? null,
      creditedDocumentId: credited?.id ?? null,
      subtotalMinor: priced.subtotalMinor,
      taxMinor: priced.taxMinor,
      totalMinor: priced.totalMinor,
      taxTotals: priced.taxTotals,
    } satisfies Partial<Document>,
  }
}

/** The customer's preferred currency when the organisation uses it, else the organisation's default. */
function pickCurrency(customer: ContactSummary, used: string[], defaultCurrency: string) {
  return customer.preferredCurrency && used.includes(customer.preferredCurrency)
    ? customer.preferredCurrency
    : defaultCurrency
}

/** Replaces a draft's lines by `priced`'s, in its transaction (the database refuses it once issued). */
export async function replaceLines(
  trx: TransactionClientContract,
  document: Document,
  priced: PricedDocument
) {
  await DocumentLine.query({ client: trx }).where('document_id', document.id).delete()
  if (!priced.lines.length) return
  await DocumentLine.createMany(
    priced.lines.map((line) => ({ ...line, documentId: document.id })),
    { client: trx }
  )
}

/** A stored line as the user would write it again (to price a draft anew at its issue date). */
export function lineInputOf(line: DocumentLine): LineInput {
  return {
    productId: line.productId,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
    discountAmount: line.discountAmount,
    taxGroup: line.taxGroup,
  }
}
