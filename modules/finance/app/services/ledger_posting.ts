import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import {
  Decimal,
  fitsCurrency,
  formatAmount,
  fromMinorUnits,
  isUuid,
  notFound,
  toMinorUnits,
} from '@ia/kernel/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import { financeErrors } from '../errors.ts'

/** A line to post: a debit or a credit on an account, in the line's currency. */
export type LedgerLineInput = {
  /** The account's code in the organisation's chart ("4111", "70110"). */
  account: string
  /** Decimal string in the line's currency; exactly one of `debit` and `credit` is given and positive. */
  debit?: string
  credit?: string
  /** The line's transaction currency; the entry's by default. */
  currency?: string
  /**
   * The line's worth in the book currency when it is already known (a receivable at its invoice's
   * issue rate); otherwise converted at the entry date's rate.
   */
  bookAmount?: string
  description?: string | null
  /** The customer or supplier (a contacts id). */
  partnerId?: string | null
  /** The document the line opens or settles (an invoice id): what ageing matches on. */
  matchRef?: string | null
  dueDate?: string | null
  /** The DGI tax group letter of a tax line. */
  taxGroup?: string | null
}

/** What a source (invoice, payment, transaction, import...) posts. */
export type LedgerEntryInput = {
  /** The journal's code ("VT", "AC", "BQ", "CA", "MM", "OD", or one the organisation added). */
  journal: string
  /** YYYY-MM-DD */
  date: string
  description: string
  /** The entry's transaction currency (its lines' by default). */
  currency: string
  /**
   * 1 `currency` = `bookRate` book currency, for lines in the entry's currency (a document's rate as
   * issued); otherwise the rate of the entry's date from the currencies module.
   */
  bookRate?: string
  /** What the entry books; one entry per source (its reversal aside). */
  source?: { type: string; id: string } | null
  lines: LedgerLineInput[]
  createdBy?: string | null
}

/** A posted line, amounts as decimal strings. */
export type PostedLine = {
  lineNo: number
  accountId: string
  accountCode: string
  description: string | null
  currency: string
  /** Signed in the line's currency: debit positive. */
  amount: string
  debit: string
  credit: string
  reportingDebit: string
  reportingCredit: string
  partnerId: string | null
  matchRef: string | null
  dueDate: string | null
  taxGroup: string | null
}

/** A posted journal entry. */
export type PostedEntry = {
  id: string
  number: string
  journal: string
  date: string
  description: string
  currency: string
  bookCurrency: string
  reportingCurrency: string
  reportingRate: string
  source: { type: string; id: string } | null
  reversesEntryId: string | null
  lines: PostedLine[]
}

type LedgerSettings = { bookCurrency: string; reportingCurrency: string; lockDate: string | null }

type PreparedLine = {
  accountId: string
  accountCode: string
  description: string | null
  currency: string
  amountMinor: bigint
  debitMinor: bigint
  creditMinor: bigint
  reportingDebitMinor: bigint
  reportingCreditMinor: bigint
  partnerId: string | null
  matchRef: string | null
  dueDate: string | null
  taxGroup: string | null
  /** Converted at a rate (not given): may absorb a rounding difference. */
  converted: boolean
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

function checkDate(value: string, field: string) {
  if (!DATE_PATTERN.test(value) || !DateTime.fromISO(value).isValid)
    throw financeErrors.invalidDate(field)
}

/** The organisation's ledger settings, or a 409 when it has not enabled finance. */
export async function ledgerSettings(
  organizationId: string,
  client: QueryClientContract
): Promise<LedgerSettings> {
  const row = await client
    .from('finance.settings')
    .where('organization_id', organizationId)
    .select(
      'book_currency',
      'reporting_currency',
      client.raw("to_char(lock_date, 'YYYY-MM-DD') as lock_date")
    )
    .first()
  if (!row) throw financeErrors.ledgerMissing()
  return {
    bookCurrency: row.book_currency,
    reportingCurrency: row.reporting_currency,
    lockDate: row.lock_date,
  }
}

/** Refuses a date on or before the lock date or inside a closed fiscal year; opens the date's fiscal year. */
async function checkPostingDate(
  client: TransactionClientContract,
  organizationId: string,
  settings: LedgerSettings,
  date: string,
  field: string
) {
  if (settings.lockDate && date <= settings.lockDate)
    throw financeErrors.periodLocked(field, date, settings.lockDate)
  const year = Number(date.slice(0, 4))
  await client.rawQuery(
    `INSERT INTO finance.fiscal_years (organization_id, year, starts_on, ends_on)
     VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [organizationId, year, `${year}-01-01`, `${year}-12-31`]
  )
  const fiscalYear = await client
    .from('finance.fiscal_years')
    .where({ organization_id: organizationId, year })
    .select('closed_at')
    .first()
  if (fiscalYear?.closed_at) throw financeErrors.periodLocked(field, date, `${year}-12-31`)
}

/** Moves a rounding difference of converted lines onto the largest converted line so the sides are equal. */
function absorbRounding(
  lines: PreparedLine[],
  debitOf: (line: PreparedLine) => bigint,
  creditOf: (line: PreparedLine) => bigint,
  adjust: (line: PreparedLine, delta: bigint) => void
): bigint {
  const difference = lines.reduce((sum, line) => sum + debitOf(line) - creditOf(line), 0n)
  if (difference === 0n) return 0n
  const converted = lines.filter((line) => line.converted)
  // Rounding moves each converted line by half a minor unit at most.
  if (
    converted.length === 0 ||
    (difference < 0n ? -difference : difference) > BigInt(converted.length)
  )
    return difference
  const largest = converted.reduce((best, line) =>
    debitOf(line) + creditOf(line) > debitOf(best) + creditOf(best) ? line : best
  )
  adjust(largest, difference)
  return 0n
}

async function nextNumber(
  client: TransactionClientContract,
  organizationId: string,
  journal: { id: string; code: string },
  date: string
) {
  const year = Number(date.slice(0, 4))
  const { rows } = await client.rawQuery(
    `INSERT INTO finance.journal_counters (organization_id, journal_id, year, last_value) VALUES (?, ?, ?, 1)
     ON CONFLICT (organization_id, journal_id, year) DO UPDATE SET last_value = finance.journal_counters.last_value + 1
     RETURNING last_value`,
    [organizationId, journal.id, year]
  )
  return `${journal.code}-${year}-${String(rows[0].last_value).padStart(6, '0')}`
}

async function findJournal(client: QueryClientContract, organizationId: string, code: string) {
  const journal = await client
    .from('finance.journals')
    .where({ organization_id: organizationId, code })
    .select('id', 'code')
    .first()
  if (!journal) throw financeErrors.journalUnknown('journal', code)
  return journal as { id: string; code: string }
}

async function insertEntry(
  client: TransactionClientContract,
  organizationId: string,
  header: {
    journal: { id: string; code: string }
    date: string
    description: string
    currency: string
    settings: LedgerSettings
    reportingRate: string
    source: { type: string; id: string } | null
    reversesEntryId: string | null
    createdBy: string | null
  },
  lines: PreparedLine[]
): Promise<PostedEntry> {
  const number = await nextNumber(client, organizationId, header.journal, header.date)
  const [entry] = await client
    .insertQuery()
    .table('finance.entries')
    .insert({
      organization_id: organizationId,
      journal_id: header.journal.id,
      number,
      entry_date: header.date,
      description: header.description,
      source_type: header.source?.type ?? null,
      source_id: header.source?.id ?? null,
      currency: header.currency,
      book_currency: header.settings.bookCurrency,
      reporting_currency: header.settings.reportingCurrency,
      reporting_rate: header.reportingRate,
      reverses_entry_id: header.reversesEntryId,
      created_by: header.createdBy,
    })
    .returning('id')
  const entryId: string = entry.id ?? entry
  // One statement for all lines: the rollup trigger aggregates them once.
  await client
    .insertQuery()
    .table('finance.entry_lines')
    .multiInsert(
      lines.map((line, index) => ({
        organization_id: organizationId,
        entry_id: entryId,
        entry_date: header.date,
        line_no: index + 1,
        account_id: line.accountId,
        description: line.description,
        debit_minor: line.debitMinor.toString(),
        credit_minor: line.creditMinor.toString(),
        currency: line.currency,
        amount_minor: line.amountMinor.toString(),
        reporting_debit_minor: line.reportingDebitMinor.toString(),
        reporting_credit_minor: line.reportingCreditMinor.toString(),
        partner_id: line.partnerId,
        match_ref: line.matchRef,
        due_date: line.dueDate,
        tax_group: line.taxGroup,
      }))
    )
  // The balance check is deferred to COMMIT, where a failure would not reach the caller (Knex does not
  // reject on a failed COMMIT): it runs here for this transaction's entries, then waits for the next ones.
  await client.rawQuery(
    'SET CONSTRAINTS finance.entries_balanced, finance.entry_lines_balanced IMMEDIATE'
  )
  await client.rawQuery(
    'SET CONSTRAINTS finance.entries_balanced, finance.entry_lines_balanced DEFERRED'
  )
  const book = header.settings.bookCurrency
  const reporting = header.settings.reportingCurrency
  return {
    id: entryId,
    number,
    journal: header.journal.code,
    date: header.date,
    description: header.description,
    currency: header.currency,
    bookCurrency: book,
    reportingCurrency: reporting,
    reportingRate: header.reportingRate,
    source: header.source,
    reversesEntryId: header.reversesEntryId,
    lines: lines.map((line, index) => ({
      lineNo: index + 1,
      accountId: line.accountId,
      accountCode: line.accountCode,
      description: line.description,
      currency: line.currency,
      amount: fromMinorUnits(line.amountMinor, line.currency),
      debit: fromMinorUnits(line.debitMinor, book),
      credit: fromMinorUnits(line.creditMinor, book),
      reportingDebit: fromMinorUnits(line.reportingDebitMinor, reporting),
      reportingCredit: fromMinorUnits(line.reportingCreditMinor, reporting),
      partnerId: line.partnerId,
      matchRef: line.matchRef,
      dueDate: line.dueDate,
      taxGroup: line.taxGroup,
    })),
  }
}

/** The book amounts converted to the reporting currency, balanced the same way. */
async function withReportingAmounts(
  client: TransactionClientContract,
  organizationId: string,
  settings: LedgerSettings,
  date: string,
  lines: PreparedLine[]
) {
  const { bookCurrency: book, reportingCurrency: reporting } = settings
  const rate =
    book === reporting
      ? '1'
      : (
          await currenciesService.rateAt(organizationId, book, reporting, date, {
            client,
            field: 'date',
          })
        ).rate
  for (const line of lines) {
    const convert = (minor: bigint) =>
      book === reporting
        ? minor
        : toMinorUnits(
            formatAmount(new Decimal(fromMinorUnits(minor, book)).times(rate), reporting),
            reporting
          )
    line.reportingDebitMinor = convert(line.debitMinor)
    line.reportingCreditMinor = convert(line.creditMinor)
  }
  if (book !== reporting) {
    const allConverted = lines.map((line) => ({ ...line, converted: true }))
    absorbRounding(
      allConverted,
      (line) => line.reportingDebitMinor,
      (line) => line.reportingCreditMinor,
      (line, delta) => {
        const original = lines[allConverted.indexOf(line)]
        if (original.reportingDebitMinor > 0n) original.reportingDebitMinor -= delta
        else original.reportingCreditMinor += delta
      }
    )
  }
  return rate
}

/**
 * Posts journal entries into an organisation's ledger, inside the caller's transaction: the entry
 * exists if and only if the caller's work commits. Every check answers a 4xx naming its field; the
 * database checks the balance, the lock date and immutability again.
 */
export const ledgerPosting = {
  /** Posts a balanced entry; amounts in other currencies are converted at the date's rate (currencies module). */
  async post(
    client: TransactionClientContract,
    organizationId: string,
    input: LedgerEntryInput
  ): Promise<PostedEntry> {
    const settings = await ledgerSettings(organizationId, client)
    checkDate(input.date, 'date')
    if (input.lines.length < 2) throw financeErrors.tooFewLines()
    await checkPostingDate(client, organizationId, settings, input.date, 'date')
    const journal = await findJournal(client, organizationId, input.journal)
    if (input.source) {
      const booked = await client
        .from('finance.entries')
        .where({
          organization_id: organizationId,
          source_type: input.source.type,
          source_id: input.source.id,
        })
        .whereNull('reverses_entry_id')
        .first()
      if (booked) throw financeErrors.sourceBooked(input.source.type, input.source.id)
    }

    const codes = [...new Set(input.lines.map((line) => line.account))]
    const accounts = await client
      .from('finance.accounts')
      .where('organization_id', organizationId)
      .whereIn('code', codes)
      .whereNull('archived_at')
      .select('id', 'code')
    const accountIds = new Map<string, string>(accounts.map((row) => [row.code, row.id]))

    const book = settings.bookCurrency
    const rates = new Map<string, string>()
    const lines: PreparedLine[] = []
    for (const [index, line] of input.lines.entries()) {
      const field = `lines.${index}`
      const accountId = accountIds.get(line.account)
      if (!accountId) throw financeErrors.accountUnknown(`${field}.account`, line.account)
      const currency = line.currency ?? input.currency
      const given = line.debit ?? line.credit
      const isDebit = line.debit !== undefined
      if ((line.debit === undefined) === (line.credit === undefined) || given === undefined)
        throw financeErrors.lineAmount(`${field}.debit`)
      const side = isDebit ? 'debit' : 'credit'
      if (!fitsCurrency(given, currency))
        throw financeErrors.amountDigits(`${field}.${side}`, currency)
      const amount = new Decimal(given)
      if (amount.lte(0)) throw financeErrors.lineAmount(`${field}.${side}`)

      let bookAmount: string
      if (line.bookAmount !== undefined) {
        if (!fitsCurrency(line.bookAmount, book) || new Decimal(line.bookAmount).lt(0))
          throw financeErrors.amountDigits(`${field}.bookAmount`, book)
        bookAmount = line.bookAmount
      } else if (currency === book) {
        bookAmount = given
      } else {
        if (currency === input.currency && input.bookRate !== undefined)
          rates.set(currency, input.bookRate)
        if (!rates.has(currency)) {
          const used = await currenciesService.rateAt(organizationId, currency, book, input.date, {
            client,
            field: `${field}.currency`,
          })
          rates.set(currency, used.rate)
        }
        bookAmount = formatAmount(amount.times(rates.get(currency)!), book)
      }
      const bookMinor = toMinorUnits(bookAmount, book)
      const amountMinor = toMinorUnits(given, currency)
      lines.push({
        accountId,
        accountCode: line.account,
        description: line.description ?? null,
        currency,
        amountMinor: isDebit ? amountMinor : -amountMinor,
        debitMinor: isDebit ? bookMinor : 0n,
        creditMinor: isDebit ? 0n : bookMinor,
        reportingDebitMinor: 0n,
        reportingCreditMinor: 0n,
        partnerId: line.partnerId ?? null,
        matchRef: line.matchRef ?? null,
        dueDate: line.dueDate ?? null,
        taxGroup: line.taxGroup ?? null,
        converted: line.bookAmount === undefined && currency !== book,
      })
    }
    const difference = absorbRounding(
      lines,
      (line) => line.debitMinor,
      (line) => line.creditMinor,
      (line, delta) => {
        if (line.debitMinor > 0n) line.debitMinor -= delta
        else line.creditMinor += delta
      }
    )
    if (difference !== 0n) {
      const debit = lines.reduce((sum, line) => sum + line.debitMinor, 0n)
      const credit = lines.reduce((sum, line) => sum + line.creditMinor, 0n)
      throw financeErrors.unbalanced(
        fromMinorUnits(debit, book),
        fromMinorUnits(credit, book),
        book
      )
    }
    if (lines.some((line) => line.debitMinor === 0n && line.creditMinor === 0n))
      throw financeErrors.unbalanced('0', '0', book)

    const reportingRate = await withReportingAmounts(
      client,
      organizationId,
      settings,
      input.date,
      lines
    )
    return insertEntry(
      client,
      organizationId,
      {
        journal,
        date: input.date,
        description: input.description,
        currency: input.currency,
        settings,
        reportingRate,
        source: input.source ?? null,
        reversesEntryId: null,
        createdBy: input.createdBy ?? null,
      },
      lines
    )
  },

  /** Posts the mirror of an entry on `date` (debits become credits, same amounts and rates); a 404 for another organisation's entry. */
  async reverse(
    client: TransactionClientContract,
    organizationId: string,
    entryId: string,
    options: { date: string; description?: string; createdBy?: string | null }
  ): Promise<PostedEntry> {
    const settings = await ledgerSettings(organizationId, client)
    checkDate(options.date, 'date')
    if (!isUuid(entryId)) throw notFound()
    const original = await client
      .from('finance.entries as e')
      .join('finance.journals as j', 'j.id', 'e.journal_id')
      .where('e.organization_id', organizationId)
      .where('e.id', entryId)
      .forUpdate()
      .select('e.*', 'j.code as journal_code')
      .first()
    if (!original) throw notFound()
    if (original.reverses_entry_id) throw financeErrors.reversalOfReversal(original.number)
    const reversal = await client
      .from('finance.entries')
      .where({ organization_id: organizationId, reverses_entry_id: entryId })
      .first()
    if (reversal) throw financeErrors.alreadyReversed(original.number)
    await checkPostingDate(client, organizationId, settings, options.date, 'date')

    const rows = await client
      .from('finance.entry_lines as l')
      .join('finance.accounts as a', 'a.id', 'l.account_id')
      .where('l.organization_id', organizationId)
      .where('l.entry_id', entryId)
      .orderBy('l.line_no')
      .select(
        'l.*',
        'a.code as account_code',
        client.raw("to_char(l.due_date, 'YYYY-MM-DD') as due_on")
      )
    const lines: PreparedLine[] = rows.map((row) => ({
      accountId: row.account_id,
      accountCode: row.account_code,
      description: row.description,
      currency: row.currency,
      amountMinor: -BigInt(row.amount_minor),
      debitMinor: BigInt(row.credit_minor),
      creditMinor: BigInt(row.debit_minor),
      reportingDebitMinor: BigInt(row.reporting_credit_minor),
      reportingCreditMinor: BigInt(row.reporting_debit_minor),
      partnerId: row.partner_id,
      matchRef: row.match_ref,
      dueDate: row.due_on,
      taxGroup: row.tax_group,
      converted: false,
    }))
    return insertEntry(
      client,
      organizationId,
      {
        journal: { id: original.journal_id, code: original.journal_code },
        date: options.date,
        description: options.description ?? original.description,
        currency: original.currency,
        // The reversal keeps the original's currencies and rate so it cancels it exactly.
        settings: {
          ...settings,
          bookCurrency: original.book_currency,
          reportingCurrency: original.reporting_currency,
        },
        reportingRate: new Decimal(original.reporting_rate).toString(),
        source:
          original.source_type === null
            ? null
            : { type: original.source_type, id: original.source_id },
        reversesEntryId: entryId,
        createdBy: options.createdBy ?? null,
      },
      lines
    )
  },
}

/** The posting service's type. */
export type LedgerPosting = typeof ledgerPosting
