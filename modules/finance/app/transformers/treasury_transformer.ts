import { Decimal, defineSerializer, fromMinorUnits, Type, wire } from '@ia/kernel/contracts'
import { MOBILE_MONEY_PROVIDERS, TREASURY_KINDS } from '../services/treasury_chart.ts'
import type { TreasuryAccountRow } from '../services/treasury_accounts.ts'
import { CATEGORY_KINDS, type CategoryRow } from '../services/treasury_categories.ts'
import { TRANSACTION_KINDS } from '../actions/record_transaction.ts'
import { STATEMENT_FORMATS } from '../services/statement_files.ts'
import type { SuggestedMatch } from '../services/statement_matching.ts'

const isoDate = (value: Date | string | null) =>
  value === null
    ? null
    : typeof value === 'string'
      ? value.slice(0, 10)
      : value.toISOString().slice(0, 10)

/** A cash box, bank account or mobile-money wallet with its balance. */
export const serializeTreasuryAccount = defineSerializer(
  'FinanceTreasuryAccount',
  Type.Object(
    {
      id: wire.uuid(),
      kind: wire.oneOf(TREASURY_KINDS),
      provider: wire.oneOfOrNull(MOBILE_MONEY_PROVIDERS),
      name: Type.String(),
      currency: Type.String(),
      accountCode: Type.String({
        description: 'Its sub-account in the ledger (under 571, 521 or 552).',
      }),
      bankName: wire.text(),
      accountNumber: wire.text(),
      openingBalance: Type.String(),
      openingDate: Type.String({ format: 'date' }),
      balance: Type.String({
        description: "Decimal string of the account's currency, from the ledger.",
      }),
      receivesPayments: Type.Boolean({
        description: 'Invoice payments of its kind and currency are booked here.',
      }),
      archived: Type.Boolean(),
    },
    { description: 'Where the money is: each in one currency, each with its ledger account.' }
  ),
  (row: TreasuryAccountRow) => ({
    id: row.id,
    kind: row.kind,
    provider: row.provider,
    name: row.name,
    currency: row.currency,
    accountCode: row.account_code,
    bankName: row.bank_name,
    accountNumber: row.account_number,
    openingBalance: fromMinorUnits(BigInt(row.opening_balance_minor), row.currency),
    openingDate: row.opening_date,
    balance: fromMinorUnits(BigInt(row.balance_minor), row.currency),
    receivesPayments: row.receives_payments,
    archived: row.archived_at !== null,
  })
)

/** A category in plain words and the SYSCOHADA account it books to. */
export const serializeCategory = defineSerializer(
  'FinanceCategory',
  Type.Object({
    id: wire.uuid(),
    kind: wire.oneOf(CATEGORY_KINDS),
    key: wire.text(),
    name: wire.localized(),
    accountCode: Type.String(),
  }),
  (row: CategoryRow) => ({
    id: row.id,
    kind: row.kind,
    key: row.key,
    name: { fr: row.name_fr, en: row.name_en },
    accountCode: row.account_code,
  })
)

/** A simple transaction and the entry it posted. */
export const serializeTransaction = defineSerializer(
  'FinanceTransaction',
  Type.Object({
    id: wire.uuid(),
    kind: wire.oneOf(TRANSACTION_KINDS),
    date: Type.String({ format: 'date' }),
    accountId: wire.uuid(),
    toAccountId: wire.nullable(wire.uuid()),
    currency: Type.String(),
    amount: Type.String(),
    toAmount: wire.text('What arrived on the other account, in its currency.'),
    rate: wire.text(),
    categoryId: wire.nullable(wire.uuid()),
    category: wire.nullable(wire.localized()),
    contactId: wire.nullable(wire.uuid()),
    contactName: wire.text(),
    tax: Type.String(),
    description: Type.String(),
    reference: wire.text(),
    tags: Type.Array(Type.String()),
    entryId: wire.uuid(),
    entryNumber: Type.String(),
    attachments: Type.Array(
      Type.Object({
        id: wire.uuid(),
        fileName: Type.String(),
        contentType: Type.String(),
        size: Type.Integer(),
      })
    ),
    createdAt: wire.dateTime(),
  }),
  (row: any) => ({
    id: row.id,
    kind: row.kind,
    date: isoDate(row.transaction_date)!,
    accountId: row.treasury_account_id,
    toAccountId: row.to_treasury_account_id,
    currency: row.currency,
    amount: fromMinorUnits(BigInt(row.amount_minor), row.currency),
    toAmount:
      row.to_amount_minor === null
        ? null
        : fromMinorUnits(BigInt(row.to_amount_minor), row.to_currency),
    rate: row.rate === null ? null : new Decimal(row.rate).toString(),
    categoryId: row.category_id,
    category: row.category_name_fr ? { fr: row.category_name_fr, en: row.category_name_en } : null,
    contactId: row.contact_id,
    contactName: row.contact_name,
    tax: fromMinorUnits(BigInt(row.tax_minor), row.currency),
    description: row.description,
    reference: row.reference,
    tags: row.tags ?? [],
    entryId: row.entry_id,
    entryNumber: row.entry_number,
    attachments: (row.attachments ?? []).map((file: any) => ({
      id: file.id,
      fileName: file.file_name,
      contentType: file.content_type,
      size: file.size,
    })),
    createdAt: new Date(row.created_at).toISOString(),
  })
)

/** An uploaded statement: where its analysis stands and what it found. */
export const serializeStatementImport = defineSerializer(
  'FinanceStatementImport',
  Type.Object({
    id: wire.uuid(),
    accountId: wire.uuid(),
    fileName: Type.String(),
    format: wire.oneOf(STATEMENT_FORMATS),
    status: wire.oneOf(['analysing', 'ready', 'confirmed', 'failed'] as const),
    jobId: wire.nullable(wire.uuid()),
    lineCount: Type.Integer(),
    duplicateCount: Type.Integer(),
    rowErrors: Type.Array(
      Type.Object({
        line: Type.Integer(),
        field: Type.String(),
        message: Type.String({ description: "In the caller's language." }),
      })
    ),
    createdAt: wire.dateTime(),
  }),
  ({ row, translate }: { row: any; translate: (key: string) => string }) => ({
    id: row.id,
    accountId: row.treasury_account_id,
    fileName: row.file_name,
    format: row.format,
    status: row.status,
    jobId: row.job_id,
    lineCount: row.line_count,
    duplicateCount: row.duplicate_count,
    rowErrors: (row.row_errors ?? []).map(
      (error: { line: number; field: string; reason: string }) => ({
        line: error.line,
        field: error.field,
        message: translate(`treasury.statementRows.${error.reason}`),
      })
    ),
    createdAt: new Date(row.created_at).toISOString(),
  })
)

/** A statement line: a movement the bank or operator reports. */
export const serializeStatementLine = defineSerializer(
  'FinanceStatementLine',
  Type.Object({
    id: wire.uuid(),
    importId: wire.uuid(),
    line: Type.Integer({ description: 'Its line (or movement number) in the file.' }),
    date: Type.String({ format: 'date' }),
    amount: Type.String({ description: 'Signed: positive for money in.' }),
    currency: Type.String(),
    description: Type.String(),
    reference: wire.text(),
    counterparty: wire.text(),
    status: wire.oneOf(['preview', 'duplicate', 'unmatched', 'reconciled'] as const),
    matchedEntryId: wire.nullable(wire.uuid()),
  }),
  ({ row, currency }: { row: any; currency: string }) => ({
    id: row.id,
    importId: row.import_id,
    line: row.line_no,
    date: row.date ?? isoDate(row.line_date),
    amount: fromMinorUnits(BigInt(row.amount_minor), currency),
    currency,
    description: row.description,
    reference: row.reference,
    counterparty: row.counterparty,
    status: row.status,
    matchedEntryId: row.matched_entry_id,
  })
)

/** An unmatched statement line and the movements of the books it may be. */
export const serializeReconciliationItem = defineSerializer(
  'FinanceReconciliationItem',
  Type.Object({
    line: serializeStatementLine.schema,
    suggestions: Type.Array(
      Type.Object({
        entryId: wire.uuid(),
        sourceType: Type.String({ description: 'payment, transaction, invoice...' }),
        sourceId: wire.text(),
        date: Type.String({ format: 'date' }),
        amount: Type.String(),
        label: Type.String(),
        score: Type.Integer({ description: '0-100: how sure the match is.' }),
        reasons: Type.Array(wire.oneOf(['amount', 'date', 'reference'] as const)),
      })
    ),
  }),
  ({
    line,
    suggestions,
    currency,
  }: {
    line: any
    suggestions: SuggestedMatch[]
    currency: string
  }) => ({
    line: serializeStatementLine({ row: line, currency }),
    suggestions: suggestions.map((match) => ({
      entryId: match.entryId,
      sourceType: match.sourceType,
      sourceId: match.sourceId,
      date: match.date,
      amount: fromMinorUnits(match.amountMinor, currency),
      label: match.label,
      score: match.score,
      reasons: match.reasons,
    })),
  })
)
