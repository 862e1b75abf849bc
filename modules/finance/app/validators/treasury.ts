import vine from '@vinejs/vine'
import { currencyCode } from '@ia/kernel/contracts'
import { MOBILE_MONEY_PROVIDERS, TREASURY_KINDS } from '../services/treasury_chart.ts'
import { TRANSACTION_KINDS } from '../actions/record_transaction.ts'
import { STATEMENT_DATE_FORMATS, STATEMENT_FIELDS } from '../services/statement_files.ts'

/** A signed or unsigned decimal string as typed: "1500", "-12.50". */
const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/
const POSITIVE_DECIMAL = /^\d{1,15}(\.\d{1,6})?$/
/** An exchange rate: up to 12 decimals, as the currencies module stores them. */
const RATE = /^\d{1,12}(\.\d{1,12})?$/
const date = () => vine.date({ formats: ['YYYY-MM-DD'] })

/** Open a cash box, bank account or mobile-money wallet. */
export const createTreasuryAccountValidator = vine.create({
  kind: vine.enum(TREASURY_KINDS),
  provider: vine.enum(MOBILE_MONEY_PROVIDERS).nullable().optional(),
  name: vine.string().trim().minLength(1).maxLength(120),
  currency: vine.string().trim().toUpperCase().use(currencyCode()),
  bankName: vine.string().trim().maxLength(120).nullable().optional(),
  accountNumber: vine.string().trim().maxLength(60).nullable().optional(),
  openingBalance: vine.string().trim().regex(DECIMAL).optional(),
  openingDate: date(),
  receivesPayments: vine.boolean().optional(),
})

/** Rename, change bank details, receive payments, archive or unarchive. */
export const updateTreasuryAccountValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(120).optional(),
  bankName: vine.string().trim().maxLength(120).nullable().optional(),
  accountNumber: vine.string().trim().maxLength(60).nullable().optional(),
  receivesPayments: vine.boolean().optional(),
  archived: vine.boolean().optional(),
})

/** Record money in, money out or a transfer. */
export const recordTransactionValidator = vine.create({
  kind: vine.enum(TRANSACTION_KINDS),
  date: date(),
  accountId: vine.string().uuid(),
  toAccountId: vine.string().uuid().nullable().optional(),
  amount: vine.string().trim().regex(POSITIVE_DECIMAL),
  rate: vine.string().trim().regex(RATE).nullable().optional(),
  categoryId: vine.string().uuid().nullable().optional(),
  contactId: vine.string().uuid().nullable().optional(),
  tax: vine.string().trim().regex(POSITIVE_DECIMAL).nullable().optional(),
  description: vine.string().trim().minLength(1).maxLength(300),
  reference: vine.string().trim().maxLength(80).nullable().optional(),
  tags: vine.array(vine.string().trim().minLength(1).maxLength(40)).maxLength(20).optional(),
})

/** Filter the transactions list. */
export const listTransactionsValidator = vine.create({
  from: date().optional(),
  to: date().optional(),
  kind: vine.enum(TRANSACTION_KINDS).optional(),
  accountId: vine.string().uuid().optional(),
  categoryId: vine.string().uuid().optional(),
  tag: vine.string().trim().maxLength(40).optional(),
  page: vine.number().withoutDecimals().range([1, 10_000]).optional(),
})

/** A receipt photo or PDF for a transaction. */
export const attachmentValidator = vine.create({
  transactionId: vine.string().uuid(),
  file: vine.file({ size: '10mb' }),
})

const mappedColumn = () => vine.number().withoutDecimals().range([0, 199]).nullable().optional()

/** A statement file for an account, with how to read its columns when the headers do not say. */
export const statementUploadValidator = vine.create({
  file: vine.file({ size: '5mb' }),
  accountId: vine.string().uuid(),
  mapping: vine
    .object(
      Object.fromEntries(STATEMENT_FIELDS.map((field) => [field, mappedColumn()])) as Record<
        (typeof STATEMENT_FIELDS)[number],
        ReturnType<typeof mappedColumn>
      >
    )
    .optional(),
  dateFormat: vine.enum(STATEMENT_DATE_FORMATS).optional(),
  decimalSeparator: vine.enum([',', '.'] as const).optional(),
})

/** Confirm a suggested (or chosen) entry as a statement line's counterpart. */
export const matchLineValidator = vine.create({
  statementLineId: vine.string().uuid(),
  entryId: vine.string().uuid(),
})

/** Undo a statement line's match. */
export const unmatchLineValidator = vine.create({
  statementLineId: vine.string().uuid(),
})

/** Turn an unmatched statement line into an income or expense. */
export const lineTransactionValidator = vine.create({
  statementLineId: vine.string().uuid(),
  categoryId: vine.string().uuid(),
  contactId: vine.string().uuid().nullable().optional(),
  description: vine.string().trim().maxLength(300).nullable().optional(),
  tax: vine.string().trim().regex(POSITIVE_DECIMAL).nullable().optional(),
})

/** Set a category's budget for a month (book currency). */
export const setBudgetValidator = vine.create({
  categoryId: vine.string().uuid(),
  month: vine.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  amount: vine.string().trim().regex(POSITIVE_DECIMAL),
})

/** A period of whole days, in the book or the reporting currency. */
export const periodValidator = vine.create({
  from: date(),
  to: date(),
  currency: vine.enum(['book', 'reporting'] as const).optional(),
})

/** A year of budgets. */
export const budgetYearValidator = vine.create({
  year: vine.number().withoutDecimals().range([2000, 2100]),
})
