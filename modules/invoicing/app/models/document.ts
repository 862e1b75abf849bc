import { DateTime } from 'luxon'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantModel } from '@ia/kernel/contracts'
import DocumentLine from './document_line.ts'

/** What a document is. */
export const DOCUMENT_KINDS = ['invoice', 'quote', 'credit_note'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** Stored states (`accepted` and `refused` are a quote's, as its customer answered); `overdue` is read from the due date (an open invoice past it), never stored. */
export const DOCUMENT_STATUSES = [
  'draft',
  'issued',
  'sent',
  'partially_paid',
  'paid',
  'cancelled',
  'accepted',
  'refused',
] as const
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number]
/** The states shown: the stored ones plus `overdue`. */
export const DISPLAYED_STATUSES = [...DOCUMENT_STATUSES, 'overdue'] as const
export type DisplayedStatus = (typeof DISPLAYED_STATUSES)[number]
/** States in which a quote still waits for its customer's answer. */
export const QUOTE_OPEN_STATUSES: readonly DocumentStatus[] = ['issued', 'sent']
/** States in which an invoice still waits for money. */
export const OPEN_STATUSES: readonly DocumentStatus[] = ['issued', 'sent', 'partially_paid']

/** The DGI's invoice types (FV, EV, FA, FT, EA in the e-MCF). */
export const INVOICE_TYPES = [
  'sale',
  'advance',
  'credit_note',
  'export',
  'export_credit_note',
] as const
export type InvoiceType = (typeof INVOICE_TYPES)[number]

/** The DGI's client categories: individual, company, sole trader, professional, embassy or international body. */
export const CLIENT_CATEGORIES = ['PP', 'PM', 'PC', 'PL', 'AO'] as const
export type ClientCategory = (typeof CLIENT_CATEGORIES)[number]

/** The legal mentions of a party as printed on the document when it was issued. */
export type PartySnapshot = {
  name: string
  legalName?: string | null
  rccm: string | null
  idNat: string | null
  nif: string | null
  address: string | null
  city: string | null
  country: string | null
  email: string | null
  phone: string | null
}

/** One tax group's line of the totals, as stored (decimal strings of the document's currency). */
export type StoredTaxTotal = { taxGroup: string; taxRate: string; base: string; tax: string }

/** A quote, an invoice or a credit note. Once issued, the database refuses any change but its settlement. */
export default class Document extends TenantModel {
  static table = 'invoicing.documents'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare kind: DocumentKind

  @column()
  declare status: DocumentStatus

  @column()
  declare number: string | null

  @column()
  declare invoiceType: InvoiceType

  @column()
  declare clientCategory: ClientCategory

  @column()
  declare customerId: string

  @column()
  declare customerName: string

  @column({ prepare: (value: PartySnapshot | null) => value && JSON.stringify(value) })
  declare customerSnapshot: PartySnapshot | null

  @column({ prepare: (value: PartySnapshot | null) => value && JSON.stringify(value) })
  declare sellerSnapshot: PartySnapshot | null

  @column.date()
  declare issueDate: DateTime

  @column.date()
  declare dueDate: DateTime | null

  @column.date()
  declare validUntil: DateTime | null

  @column()
  declare paymentTermsDays: number

  @column()
  declare currency: string

  @column()
  declare reportingCurrency: string

  /** 1 unit of `currency` = this many units of `reportingCurrency`, as issued. */
  @column()
  declare exchangeRate: string | null

  @column.date()
  declare exchangeRateDate: DateTime | null

  @column()
  declare exchangeRateSource: string | null

  /** The organisation's book (default) currency when issued. */
  @column()
  declare bookCurrency: string | null

  /** 1 unit of `currency` = this many units of `bookCurrency`, as issued. */
  @column()
  declare bookRate: string | null

  @column()
  declare subtotalMinor: string

  @column()
  declare taxMinor: string

  @column()
  declare totalMinor: string

  @column()
  declare reportingTotalMinor: string | null

  @column({ prepare: (value: StoredTaxTotal[]) => JSON.stringify(value) })
  declare taxTotals: StoredTaxTotal[]

  @column()
  declare paidMinor: string

  @column()
  declare creditedMinor: string

  @column()
  declare creditedDocumentId: string | null

  @column()
  declare notes: string | null

  @column()
  declare createdBy: string | null

  @column()
  declare issuedBy: string | null

  @column.dateTime()
  declare issuedAt: DateTime | null

  @column.dateTime()
  declare sentAt: DateTime | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  /** When the customer accepted or refused the quote. */
  @column.dateTime()
  declare respondedAt: DateTime | null

  /** The draft invoice made from this accepted quote. */
  @column()
  declare invoiceDocumentId: string | null

  /** Made by the sample data, and removed with it. */
  @column()
  declare sample: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => DocumentLine)
  declare lines: HasMany<typeof DocumentLine>
}
