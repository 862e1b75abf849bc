import {
  defineSerializer,
  fromMinorUnits,
  isoTimestamp,
  isoTimestampOrNull,
  Type,
  wire,
} from '@ia/kernel/contracts'
import {
  CLIENT_CATEGORIES,
  DISPLAYED_STATUSES,
  DOCUMENT_KINDS,
  INVOICE_TYPES,
  QUOTE_OPEN_STATUSES,
  type default as Document,
} from '../models/document.ts'
import type DocumentLine from '../models/document_line.ts'
import { balanceMinor, displayedStatus } from '../services/settlement.ts'
import { decimalText } from '../services/decimal_text.ts'
import type { PricedDocument } from '../services/document_lines.ts'

const amount = (description?: string) =>
  Type.String({
    description: description ?? 'Decimal string of the document\'s currency, e.g. `"1500.00"`.',
  })
const date = (description?: string) =>
  Type.String({ format: 'date', ...(description ? { description } : {}) })
const dateOrNull = () => Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date' })

const party = Type.Object({
  name: Type.String(),
  legalName: Type.Optional(wire.text()),
  rccm: wire.text(),
  idNat: wire.text(),
  nif: wire.text(),
  address: wire.text(),
  city: wire.text(),
  country: wire.text(),
  email: wire.text(),
  phone: wire.text(),
})
const partyOrNull = Type.Union([party, Type.Null()])

/** The fields of a document shared by the list and the full view. */
const summaryFields = {
  id: wire.uuid(),
  kind: wire.oneOf(DOCUMENT_KINDS),
  status: wire.oneOf(DISPLAYED_STATUSES, '`overdue` is an open invoice past its due date.'),
  number: wire.text('Null while a draft.'),
  invoiceType: wire.oneOf(INVOICE_TYPES),
  clientCategory: wire.oneOf(CLIENT_CATEGORIES),
  customerId: wire.uuid(),
  customerName: Type.String(),
  issueDate: date("The draft's intended date; set to the day of issue when issued."),
  dueDate: dateOrNull(),
  validUntil: Type.Unsafe<string | null>({
    type: ['string', 'null'],
    format: 'date',
    description: "A quote's last day of validity; null otherwise.",
  }),
  currency: Type.String(),
  subtotal: amount(),
  tax: amount(),
  total: amount(),
  paid: amount(),
  credited: amount(),
  balance: amount('What remains due.'),
  createdAt: wire.dateTime(),
}

type SummaryInput = Pick<
  Document,
  | 'id'
  | 'kind'
  | 'status'
  | 'number'
  | 'invoiceType'
  | 'clientCategory'
  | 'customerId'
  | 'customerName'
  | 'issueDate'
  | 'dueDate'
  | 'validUntil'
  | 'currency'
  | 'subtotalMinor'
  | 'taxMinor'
  | 'totalMinor'
  | 'paidMinor'
  | 'creditedMinor'
  | 'createdAt'
>

function summary(document: SummaryInput) {
  const money = (minor: string | bigint) => fromMinorUnits(minor, document.currency)
  return {
    id: document.id,
    kind: document.kind,
    status: displayedStatus(document),
    number: document.number,
    invoiceType: document.invoiceType,
    clientCategory: document.clientCategory,
    customerId: document.customerId,
    customerName: document.customerName,
    issueDate: document.issueDate.toISODate()!,
    dueDate: document.dueDate?.toISODate() ?? null,
    validUntil: document.validUntil?.toISODate() ?? null,
    currency: document.currency,
    subtotal: money(document.subtotalMinor),
    tax: money(document.taxMinor),
    total: money(document.totalMinor),
    paid: money(document.paidMinor),
    credited: money(document.creditedMinor),
    balance: money(balanceMinor(document)),
    createdAt: isoTimestamp(document.createdAt),
  }
}

/** A document as lists show it. */
export const serializeDocumentSummary = defineSerializer(
  'InvoicingDocumentSummary',
  Type.Object(summaryFields, { description: 'A quote, invoice or credit note in a list.' }),
  summary
)

const line = Type.Object({
  id: wire.uuid(),
  position: Type.Integer(),
  productId: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'uuid' }),
  description: Type.String(),
  quantity: Type.String({ description: 'Decimal string.' }),
  unit: wire.text(),
  unitPrice: Type.String({
    description: 'Decimal string, tax excluded; may carry more digits than the currency.',
  }),
  discountPercent: wire.text('Decimal string, or null.'),
  discountAmount: wire.text('Decimal string, or null.'),
  taxGroup: Type.String({ description: 'DGI tax group, A to P.' }),
  taxRate: Type.String({ description: "Percent, as valid on the document's date." }),
  gross: amount(),
  discount: amount(),
  net: amount(),
})

const timelineEntry = Type.Object({
  action: Type.String(),
  actorId: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'uuid' }),
  actorName: wire.text(
    'Who did it, by name; null for the system (a scheduled job), the customer (`data.by`), or someone no longer a member.'
  ),
  data: Type.Record(Type.String(), Type.Unknown()),
  at: wire.dateTime(),
})

/** A timeline line as read from the database. */
export type TimelineRow = {
  action: string
  actor_id: string | null
  data: Record<string, unknown>
  created_at: Date
}

/** A document with its lines, totals per tax group, rates, legal mentions and timeline. */
export const serializeDocument = defineSerializer(
  'InvoicingDocument',
  Type.Object(
    {
      ...summaryFields,
      paymentTermsDays: Type.Integer(),
      notes: wire.text(),
      creditedDocumentId: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'uuid' }),
      reportingCurrency: Type.String(),
      exchangeRate: wire.text(
        '1 unit of `currency` = this many of `reportingCurrency`, as issued (null while a draft).'
      ),
      exchangeRateDate: dateOrNull(),
      exchangeRateSource: wire.text(),
      bookCurrency: wire.text(
        "The organisation's book (default) currency when issued (null while a draft)."
      ),
      bookRate: wire.text(
        '1 unit of `currency` = this many of `bookCurrency`, as issued (null while a draft).'
      ),
      reportingTotal: wire.text(
        'The total in the reporting currency at the issue rate (null while a draft).'
      ),
      taxTotals: Type.Array(
        Type.Object({
          taxGroup: Type.String(),
          taxRate: Type.String(),
          base: amount(),
          tax: amount(),
        })
      ),
      seller: partyOrNull,
      customer: partyOrNull,
      issuedAt: wire.dateTimeOrNull(),
      sentAt: wire.dateTimeOrNull(),
      cancelledAt: wire.dateTimeOrNull(),
      respondedAt: wire.dateTimeOrNull('When the customer accepted or refused the quote.'),
      invoiceDocumentId: Type.Unsafe<string | null>({
        type: ['string', 'null'],
        format: 'uuid',
        description: 'The draft invoice made from this accepted quote.',
      }),
      lines: Type.Array(line),
      timeline: Type.Array(timelineEntry),
    },
    { description: 'A quote, invoice or credit note with its lines; immutable once issued.' }
  ),
  ({
    document,
    lines,
    timeline,
    actorNames,
  }: {
    document: Document
    lines: DocumentLine[]
    timeline: TimelineRow[]
    actorNames: Map<string, string>
  }) => {
    const money = (minor: string) => fromMinorUnits(minor, document.currency)
    return {
      ...summary(document),
      paymentTermsDays: document.paymentTermsDays,
      notes: document.notes,
      creditedDocumentId: document.creditedDocumentId,
      reportingCurrency: document.reportingCurrency,
      exchangeRate: decimalText(document.exchangeRate),
      exchangeRateDate: document.exchangeRateDate?.toISODate() ?? null,
      exchangeRateSource: document.exchangeRateSource,
      bookCurrency: document.bookCurrency,
      bookRate: decimalText(document.bookRate),
      reportingTotal:
        document.reportingTotalMinor === null
          ? null
          : fromMinorUnits(document.reportingTotalMinor, document.reportingCurrency),
      taxTotals: document.taxTotals,
      seller: document.sellerSnapshot,
      customer: document.customerSnapshot,
      issuedAt: isoTimestampOrNull(document.issuedAt),
      sentAt: isoTimestampOrNull(document.sentAt),
      cancelledAt: isoTimestampOrNull(document.cancelledAt),
      respondedAt: isoTimestampOrNull(document.respondedAt),
      invoiceDocumentId: document.invoiceDocumentId,
      lines: lines.map((entry) => ({
        id: entry.id,
        position: entry.position,
        productId: entry.productId,
        description: entry.description,
        quantity: decimalText(entry.quantity),
        unit: entry.unit,
        unitPrice: decimalText(entry.unitPrice),
        discountPercent: decimalText(entry.discountPercent),
        discountAmount: decimalText(entry.discountAmount),
        taxGroup: entry.taxGroup,
        taxRate: decimalText(entry.taxRate),
        gross: money(entry.grossMinor),
        discount: money(entry.discountMinor),
        net: money(entry.netMinor),
      })),
      timeline: timeline.map((entry) => ({
        action: entry.action,
        actorId: entry.actor_id,
        actorName: (entry.actor_id && actorNames.get(entry.actor_id)) || null,
        data: entry.data,
        at: entry.created_at.toISOString(),
      })),
    }
  }
)

/** A draft's totals as the server computes them, for an editor showing them while lines are typed. */
export const serializeTotals = defineSerializer(
  'InvoicingTotals',
  Type.Object(
    {
      currency: Type.String(),
      lines: Type.Array(
        Type.Object({
          description: Type.String(),
          unitPrice: Type.String(),
          taxGroup: Type.String(),
          taxRate: Type.String(),
          gross: amount(),
          discount: amount(),
          net: amount(),
        })
      ),
      taxTotals: Type.Array(
        Type.Object({
          taxGroup: Type.String(),
          taxRate: Type.String(),
          base: amount(),
          tax: amount(),
        })
      ),
      subtotal: amount(),
      tax: amount(),
      total: amount(),
    },
    { description: 'What a draft would total, computed by the money rules and stored nowhere.' }
  ),
  ({ currency, priced }: { currency: string; priced: PricedDocument }) => {
    const money = (minor: string) => fromMinorUnits(minor, currency)
    return {
      currency,
      lines: priced.lines.map((pricedLine) => ({
        description: pricedLine.description,
        unitPrice: decimalText(pricedLine.unitPrice),
        taxGroup: pricedLine.taxGroup,
        taxRate: decimalText(pricedLine.taxRate),
        gross: money(pricedLine.grossMinor),
        discount: money(pricedLine.discountMinor),
        net: money(pricedLine.netMinor),
      })),
      taxTotals: priced.taxTotals,
      subtotal: money(priced.subtotalMinor),
      tax: money(priced.taxMinor),
      total: money(priced.totalMinor),
    }
  }
)

/** A document as its customer sees it from their link: what was issued, never the timeline or who did what. */
export const serializePublicDocument = defineSerializer(
  'InvoicingPublicDocument',
  Type.Object(
    {
      kind: wire.oneOf(DOCUMENT_KINDS),
      status: wire.oneOf(DISPLAYED_STATUSES, '`overdue` is an open invoice past its due date.'),
      number: Type.String(),
      issueDate: date(),
      dueDate: dateOrNull(),
      validUntil: dateOrNull(),
      currency: Type.String(),
      subtotal: amount(),
      tax: amount(),
      total: amount(),
      paid: amount(),
      balance: amount('What remains due.'),
      taxTotals: Type.Array(
        Type.Object({
          taxGroup: Type.String(),
          taxRate: Type.String(),
          base: amount(),
          tax: amount(),
        })
      ),
      seller: partyOrNull,
      customer: partyOrNull,
      notes: wire.text(),
      respondedAt: wire.dateTimeOrNull(),
      canAnswer: Type.Boolean({
        description:
          'A quote still open and within its validity date: the customer may accept or refuse it.',
      }),
      lines: Type.Array(
        Type.Object({
          description: Type.String(),
          quantity: Type.String(),
          unit: wire.text(),
          unitPrice: Type.String(),
          taxGroup: Type.String(),
          net: amount(),
        })
      ),
    },
    { description: "An issued document as its customer's link shows it." }
  ),
  ({ document, lines, on }: { document: Document; lines: DocumentLine[]; on: string }) => {
    const money = (minor: string | bigint) => fromMinorUnits(minor, document.currency)
    const validUntil = document.validUntil?.toISODate() ?? null
    return {
      kind: document.kind,
      status: displayedStatus(document, on),
      number: document.number ?? '',
      issueDate: document.issueDate.toISODate()!,
      dueDate: document.dueDate?.toISODate() ?? null,
      validUntil,
      currency: document.currency,
      subtotal: money(document.subtotalMinor),
      tax: money(document.taxMinor),
      total: money(document.totalMinor),
      paid: money(document.paidMinor),
      balance: money(balanceMinor(document)),
      taxTotals: document.taxTotals,
      seller: document.sellerSnapshot,
      customer: document.customerSnapshot,
      notes: document.notes,
      respondedAt: isoTimestampOrNull(document.respondedAt),
      canAnswer:
        document.kind === 'quote' &&
        QUOTE_OPEN_STATUSES.includes(document.status) &&
        (!validUntil || validUntil >= on),
      lines: lines.map((entry) => ({
        description: entry.description,
        quantity: decimalText(entry.quantity)!,
        unit: entry.unit,
        unitPrice: decimalText(entry.unitPrice)!,
        taxGroup: entry.taxGroup,
        net: money(entry.netMinor),
      })),
    }
  }
)
