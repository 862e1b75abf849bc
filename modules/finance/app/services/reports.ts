import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { fromMinorUnits } from '@ia/kernel/contracts'
import { contactsDirectory } from '@ia/contacts/contracts'
import { ledgerSettings } from './ledger_posting.ts'
import {
  BALANCE_SHEET_LINES,
  INCOME_STATEMENT_LINES,
  balanceSheetLineOf,
  incomeLineOf,
} from './statement_layouts.ts'

/** Which amounts a report adds up: the book currency's, or the reporting currency's. */
export type CurrencyView = 'book' | 'reporting'

/** What every report is asked: the organisation, a period and the currency view. */
export type ReportQuery = {
  organizationId: string
  from: string
  to: string
  view: CurrencyView
  client: QueryClientContract
}

type AccountTotals = {
  id: string
  code: string
  class: number
  name_fr: string
  name_en: string
  before_debit: string
  before_credit: string
  debit: string
  credit: string
}

async function currencyOf(query: Pick<ReportQuery, 'organizationId' | 'view' | 'client'>) {
  const settings = await ledgerSettings(query.organizationId, query.client)
  return query.view === 'book' ? settings.bookCurrency : settings.reportingCurrency
}

/**
 * Per account: what was posted before `from` and between `from` and `to`, read from the daily
 * rollups (one row per account, day and currency), never from the lines.
 */
async function accountTotals(
  query: ReportQuery,
  classes?: number[],
  periodOnly = false
): Promise<AccountTotals[]> {
  const debit = query.view === 'book' ? 'd.debit_minor' : 'd.reporting_debit_minor'
  const credit = query.view === 'book' ? 'd.credit_minor' : 'd.reporting_credit_minor'
  const { rows } = await query.client.rawQuery(
    `SELECT a.id, a.code, a.class, a.name_fr, a.name_en,
       coalesce(sum(${debit}) FILTER (WHERE d.day < :from), 0)::text AS before_debit,
       coalesce(sum(${credit}) FILTER (WHERE d.day < :from), 0)::text AS before_credit,
       coalesce(sum(${debit}) FILTER (WHERE d.day >= :from), 0)::text AS debit,
       coalesce(sum(${credit}) FILTER (WHERE d.day >= :from), 0)::text AS credit
     FROM finance.daily_balances d JOIN finance.accounts a ON a.id = d.account_id
     WHERE d.organization_id = :organizationId AND d.day <= :to
       ${periodOnly ? 'AND d.day >= :from' : ''}
       ${classes ? 'AND a.class = ANY(:classes)' : ''}
     GROUP BY a.id ORDER BY a.code`,
    { organizationId: query.organizationId, from: query.from, to: query.to, classes: classes ?? [] }
  )
  return rows
}

const money = (minor: bigint, currency: string) => fromMinorUnits(minor, currency)

/** A trial balance row: balances signed debit-positive. */
export type TrialBalanceRow = {
  code: string
  class: number
  nameFr: string
  nameEn: string
  opening: string
  debit: string
  credit: string
  closing: string
}

/** Every account with a movement: balance before the period, debits and credits in it, balance at its end. */
export async function trialBalance(query: ReportQuery) {
  const currency = await currencyOf(query)
  const totals = { opening: 0n, debit: 0n, credit: 0n, closing: 0n }
  const rows: TrialBalanceRow[] = (await accountTotals(query)).map((row) => {
    const opening = BigInt(row.before_debit) - BigInt(row.before_credit)
    const debit = BigInt(row.debit)
    const credit = BigInt(row.credit)
    const closing = opening + debit - credit
    totals.opening += opening
    totals.debit += debit
    totals.credit += credit
    totals.closing += closing
    return {
      code: row.code,
      class: Number(row.class),
      nameFr: row.name_fr,
      nameEn: row.name_en,
      opening: money(opening, currency),
      debit: money(debit, currency),
      credit: money(credit, currency),
      closing: money(closing, currency),
    }
  })
  return {
    from: query.from,
    to: query.to,
    currency,
    rows,
    totals: {
      opening: money(totals.opening, currency),
      debit: money(totals.debit, currency),
      credit: money(totals.credit, currency),
      closing: money(totals.closing, currency),
    },
  }
}

/** The lines of an account (and its sub-accounts) in a period, with the balance before and a running balance. */
export async function generalLedger(query: ReportQuery & { account: string; limit: number }) {
  const currency = await currencyOf(query)
  const debit = query.view === 'book' ? 'debit_minor' : 'reporting_debit_minor'
  const credit = query.view === 'book' ? 'credit_minor' : 'reporting_credit_minor'
  const accounts = await query.client
    .from('finance.accounts')
    .where('organization_id', query.organizationId)
    .where((q) => q.where('code', query.account).orWhereLike('code', `${query.account}%`))
    .select('id', 'code', 'name_fr', 'name_en')
    .orderBy('code')
  const ids = accounts.map((account) => account.id)
  const main = accounts.find((account) => account.code === query.account) ?? null
  const opening = await query.client
    .from('finance.daily_balances')
    .where('organization_id', query.organizationId)
    .whereIn('account_id', ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])
    .where('day', '<', query.from)
    .select(query.client.raw(`coalesce(sum(${debit}) - sum(${credit}), 0)::text as balance`))
    .first()
  const { rows } = await query.client.rawQuery(
    `SELECT to_char(l.entry_date, 'YYYY-MM-DD') AS date, e.number, e.id AS entry_id, a.code AS account,
       coalesce(l.description, e.description) AS description, l.${debit}::text AS debit,
       l.${credit}::text AS credit, l.currency, l.amount_minor::text AS amount, l.partner_id, l.match_ref
     FROM finance.entry_lines l
     JOIN finance.entries e ON e.id = l.entry_id
     JOIN finance.accounts a ON a.id = l.account_id
     WHERE l.organization_id = :organizationId AND l.account_id = ANY(:ids)
       AND l.entry_date BETWEEN :from AND :to
     ORDER BY l.entry_date, e.number, l.line_no
     LIMIT :limit`,
    {
      organizationId: query.organizationId,
      ids,
      from: query.from,
      to: query.to,
      limit: query.limit + 1,
    }
  )
  let running = BigInt(opening?.balance ?? '0')
  const openingBalance = running
  let totalDebit = 0n
  let totalCredit = 0n
  const lines = (rows as Array<Record<string, string>>).slice(0, query.limit).map((row) => {
    const lineDebit = BigInt(row.debit)
    const lineCredit = BigInt(row.credit)
    running += lineDebit - lineCredit
    totalDebit += lineDebit
    totalCredit += lineCredit
    return {
      date: row.date,
      number: row.number,
      entryId: row.entry_id,
      account: row.account,
      description: row.description,
      debit: money(lineDebit, currency),
      credit: money(lineCredit, currency),
      balance: money(running, currency),
      currency: row.currency,
      amount: fromMinorUnits(row.amount, row.currency),
      partnerId: row.partner_id,
      matchRef: row.match_ref,
    }
  })
  return {
    from: query.from,
    to: query.to,
    currency,
    account: main
      ? { code: main.code, nameFr: main.name_fr, nameEn: main.name_en }
      : { code: query.account, nameFr: '', nameEn: '' },
    opening: money(openingBalance, currency),
    debit: money(totalDebit, currency),
    credit: money(totalCredit, currency),
    closing: money(running, currency),
    truncated: rows.length > query.limit,
    lines,
  }
}

/** The SYSCOHADA income statement (compte de résultat) of a period: each reference line, then the totals XA to XI. */
export async function incomeStatement(query: ReportQuery) {
  const currency = await currencyOf(query)
  const amounts = new Map<string, bigint>(INCOME_STATEMENT_LINES.map((line) => [line.ref, 0n]))
  const details = new Map<
    string,
    Array<{ code: string; nameFr: string; nameEn: string; amount: string }>
  >()
  for (const row of await accountTotals(query, [6, 7, 8], true)) {
    const line = incomeLineOf(row.code)
    const movement = BigInt(row.debit) - BigInt(row.credit)
    const amount = line.kind === 'income' ? -movement : movement
    if (amount === 0n) continue
    amounts.set(line.ref, amounts.get(line.ref)! + amount)
    const list = details.get(line.ref) ?? []
    list.push({
      code: row.code,
      nameFr: row.name_fr,
      nameEn: row.name_en,
      amount: money(amount, currency),
    })
    details.set(line.ref, list)
  }
  const a = (ref: string) => amounts.get(ref)!
  const sum = (...refs: string[]) => refs.reduce((total, ref) => total + a(ref), 0n)
  const xa = a('TA') - a('RA') - a('RB')
  const xb = sum('TA', 'TB', 'TC', 'TD')
  const xc =
    xb +
    sum('TE', 'TF', 'TG', 'TH', 'TI') -
    sum('RA', 'RB', 'RC', 'RD', 'RE', 'RF', 'RG', 'RH', 'RI', 'RJ')
  const xd = xc - a('RK')
  const xe = xd + a('TJ') - a('RL')
  const xf = sum('TK', 'TL', 'TM') - sum('RM', 'RN')
  const xg = xe + xf
  const xh = sum('TN', 'TO') - sum('RO', 'RP')
  const xi = xg + xh - sum('RQ', 'RS')
  const totals = { XA: xa, XB: xb, XC: xc, XD: xd, XE: xe, XF: xf, XG: xg, XH: xh, XI: xi }
  return {
    from: query.from,
    to: query.to,
    currency,
    lines: INCOME_STATEMENT_LINES.map((line) => ({
      ref: line.ref,
      kind: line.kind,
      labelFr: line.labelFr,
      labelEn: line.labelEn,
      amount: money(a(line.ref), currency),
      accounts: details.get(line.ref) ?? [],
    })),
    totals: Object.fromEntries(
      Object.entries(totals).map(([ref, value]) => [ref, money(value, currency)])
    ) as Record<keyof typeof totals, string>,
    netIncome: money(xi, currency),
  }
}

/**
 * The SYSCOHADA balance sheet (bilan) at `to`: every class 1 to 5 account on its line (accounts of
 * classes 4 and 5 on the asset or the liability side by the sign of their balance), the result not
 * yet allocated (classes 6 to 8) in CJ. Assets equal liabilities by construction of double entry.
 */
export async function balanceSheet(query: Omit<ReportQuery, 'from'> & { from?: string }) {
  const totalsQuery = { ...query, from: '0001-01-01' }
  const currency = await currencyOf(query)
  const amounts = new Map<string, bigint>(BALANCE_SHEET_LINES.map((line) => [line.ref, 0n]))
  let result = 0n
  for (const row of await accountTotals(totalsQuery, [1, 2, 3, 4, 5, 6, 7, 8])) {
    const balance = BigInt(row.debit) - BigInt(row.credit)
    if (Number(row.class) >= 6) {
      result -= balance
      continue
    }
    const line = balanceSheetLineOf(row.code, balance)
    amounts.set(line.ref, amounts.get(line.ref)! + (line.side === 'asset' ? balance : -balance))
  }
  amounts.set('CJ', amounts.get('CJ')! + result)
  const side = (name: 'asset' | 'liability') =>
    BALANCE_SHEET_LINES.filter((line) => line.side === name)
  const total = (name: 'asset' | 'liability') =>
    side(name).reduce((sum, line) => sum + amounts.get(line.ref)!, 0n)
  const present = (name: 'asset' | 'liability') =>
    side(name).map((line) => ({
      ref: line.ref,
      labelFr: line.labelFr,
      labelEn: line.labelEn,
      amount: money(amounts.get(line.ref)!, currency),
    }))
  return {
    at: query.to,
    currency,
    assets: present('asset'),
    liabilities: present('liability'),
    totalAssets: money(total('asset'), currency),
    totalLiabilities: money(total('liability'), currency),
    result: money(result, currency),
  }
}

/** TVA per month of the period: collected (443x), deductible (445x) and due (collected less deductible). */
export async function vatSummary(query: ReportQuery) {
  const currency = await currencyOf(query)
  const debit = query.view === 'book' ? 'd.debit_minor' : 'd.reporting_debit_minor'
  const credit = query.view === 'book' ? 'd.credit_minor' : 'd.reporting_credit_minor'
  const { rows } = await query.client.rawQuery(
    `SELECT to_char(date_trunc('month', d.day), 'YYYY-MM') AS month,
       coalesce(sum(${credit} - ${debit}) FILTER (WHERE a.code LIKE '443%'), 0)::text AS collected,
       coalesce(sum(${debit} - ${credit}) FILTER (WHERE a.code LIKE '445%'), 0)::text AS deductible
     FROM finance.daily_balances d JOIN finance.accounts a ON a.id = d.account_id
     WHERE d.organization_id = :organizationId AND d.day BETWEEN :from AND :to
       AND (a.code LIKE '443%' OR a.code LIKE '445%')
     GROUP BY 1 ORDER BY 1`,
    { organizationId: query.organizationId, from: query.from, to: query.to }
  )
  const byMonth = new Map<string, { collected: bigint; deductible: bigint }>(
    rows.map((row: { month: string; collected: string; deductible: string }) => [
      row.month,
      { collected: BigInt(row.collected), deductible: BigInt(row.deductible) },
    ])
  )
  const months: Array<{ month: string; collected: string; deductible: string; due: string }> = []
  const totals = { collected: 0n, deductible: 0n }
  for (
    let month = DateTime.fromISO(query.from).startOf('month');
    month <= DateTime.fromISO(query.to);
    month = month.plus({ months: 1 })
  ) {
    const key = month.toFormat('yyyy-MM')
    const values = byMonth.get(key) ?? { collected: 0n, deductible: 0n }
    totals.collected += values.collected
    totals.deductible += values.deductible
    months.push({
      month: key,
      collected: money(values.collected, currency),
      deductible: money(values.deductible, currency),
      due: money(values.collected - values.deductible, currency),
    })
  }
  return {
    from: query.from,
    to: query.to,
    currency,
    months,
    totals: {
      collected: money(totals.collected, currency),
      deductible: money(totals.deductible, currency),
      due: money(totals.collected - totals.deductible, currency),
    },
  }
}

/** The ageing buckets, by days past due. */
export const AGEING_BUCKETS = ['notDue', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const
type Bucket = (typeof AGEING_BUCKETS)[number]

function bucketOf(daysPastDue: number): Bucket {
  if (daysPastDue <= 0) return 'notDue'
  if (daysPastDue <= 30) return 'days1To30'
  if (daysPastDue <= 60) return 'days31To60'
  if (daysPastDue <= 90) return 'days61To90'
  return 'over90'
}

/**
 * What customers owe (411) or what is owed to suppliers (401) at `asOf`, per partner, by age: each
 * open document (its lines matched on the document they settle) aged from its due date.
 */
export async function ageing(
  query: Omit<ReportQuery, 'from' | 'to'> & { asOf: string; side: 'receivables' | 'payables' }
) {
  const currency = await currencyOf(query)
  const debit = query.view === 'book' ? 'l.debit_minor' : 'l.reporting_debit_minor'
  const credit = query.view === 'book' ? 'l.credit_minor' : 'l.reporting_credit_minor'
  const prefix = query.side === 'receivables' ? '411%' : '401%'
  const { rows } = await query.client.rawQuery(
    `SELECT l.partner_id, coalesce(l.match_ref, '') AS match_ref,
       sum(${debit} - ${credit})::text AS balance,
       to_char(coalesce(max(l.due_date), min(l.entry_date)), 'YYYY-MM-DD') AS due_date
     FROM finance.entry_lines l JOIN finance.accounts a ON a.id = l.account_id
     WHERE l.organization_id = :organizationId AND a.code LIKE :prefix AND l.entry_date <= :asOf
     GROUP BY l.partner_id, coalesce(l.match_ref, '')
     HAVING sum(${debit} - ${credit}) <> 0`,
    { organizationId: query.organizationId, prefix, asOf: query.asOf }
  )
  const sign = query.side === 'receivables' ? 1n : -1n
  const asOf = DateTime.fromISO(query.asOf)
  const partners = new Map<string, Record<Bucket, bigint>>()
  const empty = () =>
    Object.fromEntries(AGEING_BUCKETS.map((bucket) => [bucket, 0n])) as Record<Bucket, bigint>
  const totals = empty()
  for (const row of rows) {
    const amount = BigInt(row.balance) * sign
    const bucket = bucketOf(Math.floor(asOf.diff(DateTime.fromISO(row.due_date), 'days').days))
    const key = row.partner_id ?? ''
    const partner = partners.get(key) ?? empty()
    partner[bucket] += amount
    totals[bucket] += amount
    partners.set(key, partner)
  }
  const names = await contactsDirectory.findManyForOrganization(
    query.organizationId,
    [...partners.keys()].filter(Boolean),
    query.client
  )
  const format = (values: Record<Bucket, bigint>) => ({
    ...(Object.fromEntries(
      AGEING_BUCKETS.map((bucket) => [bucket, money(values[bucket], currency)])
    ) as Record<Bucket, string>),
    total: money(
      AGEING_BUCKETS.reduce((sum, bucket) => sum + values[bucket], 0n),
      currency
    ),
  })
  return {
    asOf: query.asOf,
    side: query.side,
    currency,
    partners: [...partners.entries()]
      .map(([partnerId, values]) => ({
        partnerId: partnerId || null,
        name: names.get(partnerId)?.name ?? null,
        ...format(values),
      }))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    totals: format(totals),
  }
}

/**
 * What a year's dashboard shows, from the rollups: revenue (class 7), expenses (class 6) and profit per
 * month, and the money held at the end (banks 52, electronic money 55, cash 57) per account.
 */
export async function dashboard(query: ReportQuery) {
  const currency = await currencyOf(query)
  const debit = query.view === 'book' ? 'd.debit_minor' : 'd.reporting_debit_minor'
  const credit = query.view === 'book' ? 'd.credit_minor' : 'd.reporting_credit_minor'
  const [months, cash] = await Promise.all([
    query.client.rawQuery(
      `SELECT to_char(date_trunc('month', d.day), 'YYYY-MM') AS month,
         coalesce(sum(${credit} - ${debit}) FILTER (WHERE a.class = 7), 0)::text AS revenue,
         coalesce(sum(${debit} - ${credit}) FILTER (WHERE a.class = 6), 0)::text AS expenses
       FROM finance.daily_balances d JOIN finance.accounts a ON a.id = d.account_id
       WHERE d.organization_id = :organizationId AND d.day BETWEEN :from AND :to AND a.class IN (6, 7)
       GROUP BY 1 ORDER BY 1`,
      { organizationId: query.organizationId, from: query.from, to: query.to }
    ),
    query.client.rawQuery(
      `SELECT a.code, a.name_fr, a.name_en, sum(${debit} - ${credit})::text AS balance
       FROM finance.daily_balances d JOIN finance.accounts a ON a.id = d.account_id
       WHERE d.organization_id = :organizationId AND d.day <= :to
         AND (a.code LIKE '52%' OR a.code LIKE '55%' OR a.code LIKE '57%')
       GROUP BY a.code, a.name_fr, a.name_en ORDER BY a.code`,
      { organizationId: query.organizationId, to: query.to }
    ),
  ])
  const byMonth = new Map<string, { revenue: bigint; expenses: bigint }>(
    months.rows.map((row: { month: string; revenue: string; expenses: string }) => [
      row.month,
      { revenue: BigInt(row.revenue), expenses: BigInt(row.expenses) },
    ])
  )
  const series: Array<{ month: string; revenue: string; expenses: string; profit: string }> = []
  const totals = { revenue: 0n, expenses: 0n }
  for (
    let month = DateTime.fromISO(query.from).startOf('month');
    month <= DateTime.fromISO(query.to);
    month = month.plus({ months: 1 })
  ) {
    const values = byMonth.get(month.toFormat('yyyy-MM')) ?? { revenue: 0n, expenses: 0n }
    totals.revenue += values.revenue
    totals.expenses += values.expenses
    series.push({
      month: month.toFormat('yyyy-MM'),
      revenue: money(values.revenue, currency),
      expenses: money(values.expenses, currency),
      profit: money(values.revenue - values.expenses, currency),
    })
  }
  const accounts = (cash.rows as Array<Record<string, string>>).map((row) => ({
    code: row.code,
    nameFr: row.name_fr,
    nameEn: row.name_en,
    balance: money(BigInt(row.balance), currency),
  }))
  return {
    from: query.from,
    to: query.to,
    currency,
    months: series,
    totals: {
      revenue: money(totals.revenue, currency),
      expenses: money(totals.expenses, currency),
      profit: money(totals.revenue - totals.expenses, currency),
    },
    cash: {
      accounts,
      total: money(
        (cash.rows as Array<Record<string, string>>).reduce(
          (sum, row) => sum + BigInt(row.balance),
          0n
        ),
        currency
      ),
    },
  }
}
