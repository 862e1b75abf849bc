import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { Decimal, formatAmount, fromMinorUnits } from '@ia/kernel/contracts'
import { contactsDirectory } from '@ia/contacts/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import { ledgerSettings } from '../services/ledger_posting.ts'
import { listTreasuryAccounts } from '../services/treasury_accounts.ts'

/** Which of the ledger's two currencies the figures are in. */
export type DashboardCurrency = 'book' | 'reporting'

/** The period and currency of a dashboard. */
export type DashboardQuery = { from: string; to: string; currency: DashboardCurrency }

/** The last day of each month from `from`'s month to `to`'s (the last one cut at `to`). */
export function monthEnds(from: string, to: string) {
  const ends: { month: string; end: string }[] = []
  let month = DateTime.fromISO(from).startOf('month')
  const last = DateTime.fromISO(to)
  while (month <= last) {
    const end = DateTime.min(month.endOf('month'), last)
    ends.push({ month: month.toFormat('yyyy-MM'), end: end.toISODate()! })
    month = month.plus({ months: 1 })
  }
  return ends
}

const AGEING_BUCKETS = ['current', '1_30', '31_60', '61_90', 'over_90'] as const

function bucketOf(daysLate: number): (typeof AGEING_BUCKETS)[number] {
  if (daysLate <= 0) return 'current'
  if (daysLate <= 30) return '1_30'
  if (daysLate <= 60) return '31_60'
  if (daysLate <= 90) return '61_90'
  return 'over_90'
}

/**
 * Everything the owner's dashboard draws, read from the per-account, per-day rollups (never a scan
 * of the entries) except the open receivables, which read only the receivable accounts' lines.
 * Amounts are decimal strings in the chosen currency.
 */
export async function financeDashboard(
  client: QueryClientContract,
  organizationId: string,
  query: DashboardQuery
) {
  const settings = await ledgerSettings(organizationId, client)
  const currency = query.currency === 'book' ? settings.bookCurrency : settings.reportingCurrency
  const [debit, credit] =
    query.currency === 'book'
      ? ['debit_minor', 'credit_minor']
      : ['reporting_debit_minor', 'reporting_credit_minor']
  const money = (minor: bigint | string | number) => fromMinorUnits(BigInt(minor), currency)

  const { rows: monthly } = await client.rawQuery(
    `SELECT to_char(b.day, 'YYYY-MM') AS month, a.class,
       sum(b.${credit} - b.${debit})::text AS net_credit
     FROM finance.daily_balances b JOIN finance.accounts a ON a.id = b.account_id
     WHERE b.organization_id = ? AND b.day BETWEEN ? AND ? AND a.class IN (6, 7)
     GROUP BY 1, 2`,
    [organizationId, query.from, query.to]
  )
  const months = monthEnds(query.from, query.to)
  const byMonth = months.map(({ month }) => {
    const of = (accountClass: number) =>
      BigInt(
        monthly.find((row: any) => row.month === month && Number(row.class) === accountClass)
          ?.net_credit ?? 0
      )
    const revenue = of(7)
    const expenses = -of(6)
    return {
      month,
      revenue: money(revenue),
      expenses: money(expenses),
      profit: money(revenue - expenses),
    }
  })

  const { rows: expenseRows } = await client.rawQuery(
    `SELECT a.id, a.code, a.name_fr, a.name_en, sum(b.${debit} - b.${credit})::text AS amount,
       (SELECT json_build_object('fr', c.name_fr, 'en', c.name_en) FROM finance.categories c
         WHERE c.organization_id = b.organization_id AND c.account_id = a.id AND c.archived_at IS NULL
         ORDER BY c.key NULLS LAST LIMIT 1) AS category
     FROM finance.daily_balances b JOIN finance.accounts a ON a.id = b.account_id
     WHERE b.organization_id = ? AND b.day BETWEEN ? AND ? AND a.class = 6
     GROUP BY a.id, b.organization_id HAVING sum(b.${debit} - b.${credit}) <> 0
     ORDER BY sum(b.${debit} - b.${credit}) DESC`,
    [organizationId, query.from, query.to]
  )
  const expensesByCategory = expenseRows.map((row: any) => ({
    accountCode: row.code,
    name: row.category ?? { fr: row.name_fr, en: row.name_en },
    amount: money(row.amount),
  }))

  const cashPosition = await cashPositionByMonth(client, organizationId, months, settings)

  const { rows: receivables } = await client.rawQuery(
    `SELECT l.match_ref, l.partner_id, to_char(min(l.due_date), 'YYYY-MM-DD') AS due_date,
       to_char(min(l.entry_date), 'YYYY-MM-DD') AS first_date, sum(l.${debit} - l.${credit})::text AS open
     FROM finance.entry_lines l JOIN finance.accounts a ON a.id = l.account_id
     WHERE l.organization_id = ? AND a.code LIKE '411%' AND l.entry_date <= ?
     GROUP BY l.match_ref, l.partner_id HAVING sum(l.${debit} - l.${credit}) > 0`,
    [organizationId, query.to]
  )
  const ageing = Object.fromEntries(AGEING_BUCKETS.map((bucket) => [bucket, 0n])) as Record<
    (typeof AGEING_BUCKETS)[number],
    bigint
  >
  const asOf = DateTime.fromISO(query.to)
  for (const row of receivables) {
    const due = DateTime.fromISO(row.due_date ?? row.first_date)
    ageing[bucketOf(Math.floor(asOf.diff(due, 'days').days))] += BigInt(row.open)
  }

  const { rows: customerRows } = await client.rawQuery(
    `SELECT l.partner_id, sum(l.${debit})::text AS invoiced
     FROM finance.entry_lines l JOIN finance.accounts a ON a.id = l.account_id
     JOIN finance.entries e ON e.organization_id = l.organization_id AND e.id = l.entry_id
     WHERE l.organization_id = ? AND a.code LIKE '411%' AND l.entry_date BETWEEN ? AND ?
       AND l.partner_id IS NOT NULL AND l.${debit} > 0 AND e.source_type = 'invoicing.invoice'
     GROUP BY l.partner_id ORDER BY sum(l.${debit}) DESC LIMIT 5`,
    [organizationId, query.from, query.to]
  )
  const customers = await contactsDirectory.findManyForOrganization(
    organizationId,
    customerRows.map((row: any) => row.partner_id),
    client
  )

  const budget = await budgetAgainstActual(client, organizationId, query.from, query.to)

  const total = (
    rows: { revenue: string; expenses: string; profit: string }[],
    key: 'revenue' | 'expenses' | 'profit'
  ) =>
    formatAmount(
      rows.reduce((sum, row) => sum.plus(row[key]), new Decimal(0)),
      currency
    )
  return {
    currency,
    bookCurrency: settings.bookCurrency,
    reportingCurrency: settings.reportingCurrency,
    from: query.from,
    to: query.to,
    totals: {
      revenue: total(byMonth, 'revenue'),
      expenses: total(byMonth, 'expenses'),
      profit: total(byMonth, 'profit'),
    },
    byMonth,
    cashPosition,
    expensesByCategory,
    receivablesAgeing: AGEING_BUCKETS.map((bucket) => ({ bucket, amount: money(ageing[bucket]) })),
    topCustomers: customerRows.map((row: any) => ({
      contactId: row.partner_id,
      name: customers.get(row.partner_id)?.name ?? null,
      invoiced: money(row.invoiced),
    })),
    budget,
  }
}

/**
 * Each treasury account's balance in its own currency at each month's end, and the total of all
 * of them in the book and the reporting currency at that date's rate (null when a rate is missing).
 */
async function cashPositionByMonth(
  client: QueryClientContract,
  organizationId: string,
  months: { month: string; end: string }[],
  settings: { bookCurrency: string; reportingCurrency: string }
) {
  const accounts = await listTreasuryAccounts(client, organizationId)
  if (!accounts.length || !months.length) return { accounts: [], months: [] }
  const { rows } = await client.rawQuery(
    `SELECT m.end_day, b.account_id, sum(b.amount_minor)::text AS balance
     FROM unnest(?::date[]) AS m(end_day)
     JOIN finance.daily_balances b ON b.organization_id = ? AND b.day <= m.end_day
     WHERE b.account_id = ANY(?::uuid[])
     GROUP BY m.end_day, b.account_id`,
    [
      `{${months.map(({ end }) => end).join(',')}}`,
      organizationId,
      `{${accounts.map((account) => account.account_id).join(',')}}`,
    ]
  )
  const balanceAt = (end: string, account: (typeof accounts)[number]) =>
    BigInt(
      rows.find(
        (row: any) =>
          DateTime.fromJSDate(row.end_day).toISODate() === end &&
          row.account_id === account.account_id
      )?.balance ?? 0
    )
  const convert = async (minor: bigint, from: string, to: string, date: string) => {
    if (from === to) return new Decimal(fromMinorUnits(minor, from))
    try {
      const { rate } = await currenciesService.rateAt(organizationId, from, to, date, { client })
      return new Decimal(fromMinorUnits(minor, from)).times(rate)
    } catch {
      return null
    }
  }
  const result = []
  for (const { month, end } of months) {
    const balances = accounts.map((account) => ({
      accountId: account.id,
      currency: account.currency,
      minor: balanceAt(end, account),
    }))
    const totals: Record<string, string | null> = {}
    for (const target of [...new Set([settings.bookCurrency, settings.reportingCurrency])]) {
      let sum: Decimal | null = new Decimal(0)
      for (const balance of balances) {
        const value = await convert(balance.minor, balance.currency, target, end)
        sum = value === null || sum === null ? null : sum.plus(value)
      }
      totals[target] = sum === null ? null : formatAmount(sum, target)
    }
    result.push({
      month,
      date: end,
      balances: balances.map((balance) => ({
        accountId: balance.accountId,
        balance: fromMinorUnits(balance.minor, balance.currency),
      })),
      totals,
    })
  }
  return {
    accounts: accounts.map((account) => ({
      id: account.id,
      name: account.name,
      kind: account.kind,
      currency: account.currency,
      accountCode: account.account_code,
    })),
    months: result,
  }
}

/**
 * Budgets of the period's months against what each category's account moved (debits less credits
 * for expenses, the reverse for income), month by month, from the rollups, in the book currency
 * budgets are set in.
 */
export async function budgetAgainstActual(
  client: QueryClientContract,
  organizationId: string,
  from: string,
  to: string
) {
  const { bookCurrency: currency } = await ledgerSettings(organizationId, client)
  const firstMonth = DateTime.fromISO(from).startOf('month').toISODate()!
  const { rows } = await client.rawQuery(
    `WITH months AS (SELECT generate_series(?::date, ?::date, interval '1 month')::date AS month),
     planned AS (SELECT category_id, month, amount_minor FROM finance.budgets
       WHERE organization_id = ? AND month BETWEEN ? AND ?),
     budgeted AS (SELECT DISTINCT category_id FROM planned)
     SELECT c.id, c.kind, c.name_fr, c.name_en, a.code, to_char(m.month, 'YYYY-MM') AS month,
       coalesce(p.amount_minor, 0)::text AS budget,
       coalesce((SELECT sum(CASE WHEN c.kind = 'expense' THEN b.debit_minor - b.credit_minor ELSE b.credit_minor - b.debit_minor END)
         FROM finance.daily_balances b WHERE b.organization_id = c.organization_id AND b.account_id = c.account_id
         AND b.day >= m.month AND b.day < m.month + interval '1 month' AND b.day BETWEEN ? AND ?), 0)::text AS actual
     FROM budgeted JOIN finance.categories c ON c.id = budgeted.category_id
     JOIN finance.accounts a ON a.id = c.account_id
     CROSS JOIN months m
     LEFT JOIN planned p ON p.category_id = c.id AND p.month = m.month
     ORDER BY c.kind, c.name_fr, m.month`,
    [firstMonth, to, organizationId, firstMonth, to, from, to]
  )
  const categories = new Map<string, any>()
  for (const row of rows) {
    const category =
      categories.get(row.id) ??
      categories
        .set(row.id, {
          categoryId: row.id,
          kind: row.kind,
          name: { fr: row.name_fr, en: row.name_en },
          accountCode: row.code,
          budget: 0n,
          actual: 0n,
          months: [],
        })
        .get(row.id)
    const budgetMinor = BigInt(row.budget)
    category.budget += budgetMinor
    category.actual += BigInt(row.actual)
    category.months.push({
      month: row.month,
      budget: fromMinorUnits(budgetMinor, currency),
      actual: fromMinorUnits(BigInt(row.actual), currency),
    })
  }
  return [...categories.values()].map((category) => ({
    ...category,
    budget: fromMinorUnits(category.budget, currency),
    actual: fromMinorUnits(category.actual, currency),
  }))
}
