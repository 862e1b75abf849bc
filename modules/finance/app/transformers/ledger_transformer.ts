import { defineSerializer, Type, wire } from '@ia/kernel/contracts'
import type { PostedEntry } from '../services/ledger_posting.ts'

/** The account types of the chart (Odoo's `account_type` vocabulary). */
export const ACCOUNT_TYPES = [
  'equity',
  'liability_current',
  'liability_payable',
  'asset_fixed',
  'asset_current',
  'asset_receivable',
  'asset_cash',
  'income',
  'expense',
  'off_balance',
] as const

/** An account row as the queries read it. */
export type AccountRow = {
  id: string
  code: string
  class: number
  name_fr: string
  name_en: string
  account_type: string
  parent_code: string | null
  reconcile: boolean
  origin: string
  archived_at: Date | null
}

/** An account of the organisation's chart. */
export const serializeAccount = defineSerializer(
  'FinanceAccount',
  Type.Object(
    {
      id: wire.uuid(),
      code: Type.String({ description: 'SYSCOHADA number, e.g. 4111 or a sub-account 41110001.' }),
      class: Type.Integer({ minimum: 1, maximum: 9 }),
      nameFr: Type.String(),
      nameEn: Type.String(),
      accountType: wire.oneOf(ACCOUNT_TYPES),
      parentCode: wire.nullable(Type.String()),
      reconcile: Type.Boolean({ description: 'Open items are matched (customers, suppliers).' }),
      origin: wire.oneOf(['chart', 'organization'] as const),
      archived: Type.Boolean(),
    },
    {
      description:
        'An account of the chart: seeded from the revised SYSCOHADA chart, or a sub-account the organisation added.',
    }
  ),
  (row: AccountRow) => ({
    id: row.id,
    code: row.code,
    class: Number(row.class),
    nameFr: row.name_fr,
    nameEn: row.name_en,
    accountType: row.account_type as (typeof ACCOUNT_TYPES)[number],
    parentCode: row.parent_code,
    reconcile: row.reconcile,
    origin: row.origin as 'chart' | 'organization',
    archived: row.archived_at !== null,
  })
)

/** A journal row. */
export type JournalRow = {
  id: string
  code: string
  kind: string
  name_fr: string
  name_en: string
}

/** The journal kinds. */
export const JOURNAL_KINDS = ['sales', 'purchases', 'bank', 'cash', 'mobile_money', 'misc'] as const

/** A journal entries are posted in. */
export const serializeJournal = defineSerializer(
  'FinanceJournal',
  Type.Object({
    id: wire.uuid(),
    code: Type.String(),
    kind: wire.oneOf(JOURNAL_KINDS),
    nameFr: Type.String(),
    nameEn: Type.String(),
  }),
  (row: JournalRow) => ({
    id: row.id,
    code: row.code,
    kind: row.kind as (typeof JOURNAL_KINDS)[number],
    nameFr: row.name_fr,
    nameEn: row.name_en,
  })
)

const money = (description: string) => Type.String({ description })

/** A posted line of an entry. */
const entryLine = Type.Object(
  {
    lineNo: Type.Integer(),
    accountId: wire.uuid(),
    accountCode: Type.String(),
    description: wire.nullable(Type.String()),
    currency: Type.String({ description: "The line's transaction currency." }),
    amount: money('Signed amount in the transaction currency: debit positive, credit negative.'),
    debit: money('In the book currency.'),
    credit: money('In the book currency.'),
    reportingDebit: money('In the reporting currency.'),
    reportingCredit: money('In the reporting currency.'),
    partnerId: wire.nullable(wire.uuid()),
    matchRef: wire.nullable(Type.String()),
    dueDate: wire.nullable(Type.String({ format: 'date' })),
    taxGroup: wire.nullable(Type.String()),
  },
  {
    description:
      'A posted line: in its transaction currency, the book currency and the reporting currency.',
  }
)

/** A posted journal entry. */
export const serializeEntry = defineSerializer(
  'FinanceEntry',
  Type.Object(
    {
      id: wire.uuid(),
      number: Type.String({ description: 'Journal code, year and sequence: VT-2026-000042.' }),
      journal: Type.String(),
      date: Type.String({ format: 'date' }),
      description: Type.String(),
      currency: Type.String(),
      bookCurrency: Type.String(),
      reportingCurrency: Type.String(),
      reportingRate: Type.String({
        description: '1 book currency = this many reporting currency.',
      }),
      source: wire.nullable(Type.Object({ type: Type.String(), id: Type.String() })),
      reversesEntryId: wire.nullable(wire.uuid()),
      reversedByEntryId: wire.nullable(wire.uuid()),
      lines: Type.Array(entryLine),
    },
    { description: 'A posted entry: immutable, corrected by a reversal.' }
  ),
  (entry: PostedEntry & { reversedByEntryId?: string | null }) => ({
    id: entry.id,
    number: entry.number,
    journal: entry.journal,
    date: entry.date,
    description: entry.description,
    currency: entry.currency,
    bookCurrency: entry.bookCurrency,
    reportingCurrency: entry.reportingCurrency,
    reportingRate: entry.reportingRate,
    source: entry.source,
    reversesEntryId: entry.reversesEntryId,
    reversedByEntryId: entry.reversedByEntryId ?? null,
    lines: entry.lines.map((line) => ({ ...line })),
  })
)

/** The ledger's settings. */
export const serializeLedgerSettings = defineSerializer(
  'FinanceSettings',
  Type.Object({
    bookCurrency: Type.String({
      description: 'The currency the books are kept in (set when the module was enabled).',
    }),
    reportingCurrency: Type.String(),
    lockDate: wire.nullable(
      Type.String({ format: 'date', description: 'Nothing is posted on or before it.' })
    ),
    salesAccount: Type.String({
      description: 'Where invoiced sales are booked (7011 by default).',
    }),
  }),
  (row: {
    book_currency: string
    reporting_currency: string
    lock_date: string | null
    sales_account: string
  }) => ({
    bookCurrency: row.book_currency,
    reportingCurrency: row.reporting_currency,
    lockDate: row.lock_date,
    salesAccount: row.sales_account,
  })
)

/** A fiscal year (a calendar year, as OHADA law sets it). */
export const serializeFiscalYear = defineSerializer(
  'FinanceFiscalYear',
  Type.Object({
    year: Type.Integer(),
    startsOn: Type.String({ format: 'date' }),
    endsOn: Type.String({ format: 'date' }),
    closed: Type.Boolean(),
  }),
  (row: { year: number; starts_on: string; ends_on: string; closed_at: Date | null }) => ({
    year: Number(row.year),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    closed: row.closed_at !== null,
  })
)
