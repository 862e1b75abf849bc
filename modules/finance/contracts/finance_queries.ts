import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { fromMinorUnits } from '@ia/kernel/contracts'
import { ledgerSettings } from '../app/services/ledger_posting.ts'
import { incomeStatement, type CurrencyView } from '../app/services/reports.ts'

/** Options every query takes. */
export type FinanceQueryOptions = {
  /** Amounts in the book currency (default) or the reporting currency. */
  currency?: CurrencyView
  client?: QueryClientContract
}

const clientOf = (options: FinanceQueryOptions) => options.client ?? db.connection()

async function currencyOf(organizationId: string, options: FinanceQueryOptions) {
  const settings = await ledgerSettings(organizationId, clientOf(options))
  return options.currency === 'reporting' ? settings.reportingCurrency : settings.bookCurrency
}

const columns = (view: CurrencyView | undefined) =>
  view === 'reporting'
    ? { debit: 'reporting_debit_minor', credit: 'reporting_credit_minor' }
    : { debit: 'debit_minor', credit: 'credit_minor' }

/**
 * Read-only questions about an organisation's books, for other modules (the assistant turns them
 * into tools). The organisation is always explicit; every figure comes from the daily rollups.
 */
export const financeQueries = {
  /** Revenue (class 7), expenses (class 6) and the net result of a period, with the SYSCOHADA totals. */
  async periodSummary(
    organizationId: string,
    period: { from: string; to: string },
    options: FinanceQueryOptions = {}
  ) {
    const client = clientOf(options)
    const report = await incomeStatement({
      organizationId,
      ...period,
      view: options.currency ?? 'book',
      client,
    })
    const { rows } = await client.rawQuery(
      `SELECT coalesce(sum(d.${columns(options.currency).credit} - d.${columns(options.currency).debit}) FILTER (WHERE a.class = 7), 0)::text AS revenue,
         coalesce(sum(d.${columns(options.currency).debit} - d.${columns(options.currency).credit}) FILTER (WHERE a.class = 6), 0)::text AS expenses
       FROM finance.daily_balances d JOIN finance.accounts a ON a.id = d.account_id
       WHERE d.organization_id = ? AND d.day BETWEEN ? AND ?`,
      [organizationId, period.from, period.to]
    )
    return {
      ...period,
      currency: report.currency,
      revenue: fromMinorUnits(rows[0].revenue, report.currency),
      expenses: fromMinorUnits(rows[0].expenses, report.currency),
      netResult: report.netIncome,
      revenueFromSales: report.totals.XB,
      valueAdded: report.totals.XC,
      operatingResult: report.totals.XE,
    }
  },

  /** Money held at `asOf` per treasury account (banks 52, electronic money 55, cash 57) in its own currencies and in total. */
  async cashPosition(organizationId: string, asOf: string, options: FinanceQueryOptions = {}) {
    const currency = await currencyOf(organizationId, options)
    const { debit, credit } = columns(options.currency)
    const { rows } = await clientOf(options).rawQuery(
      `SELECT a.code, a.name_fr, a.name_en, d.currency, sum(d.amount_minor)::text AS amount,
         sum(d.${debit} - d.${credit})::text AS worth
       FROM finance.daily_balances d JOIN finance.accounts a ON a.id = d.account_id
       WHERE d.organization_id = ? AND d.day <= ? AND (a.code LIKE '52%' OR a.code LIKE '55%' OR a.code LIKE '57%')
       GROUP BY a.code, a.name_fr, a.name_en, d.currency ORDER BY a.code, d.currency`,
      [organizationId, asOf]
    )
    const accounts = (rows as Array<Record<string, string>>).map((row) => ({
      code: row.code,
      nameFr: row.name_fr,
      nameEn: row.name_en,
      currency: row.currency,
      balance: fromMinorUnits(row.amount, row.currency),
      worth: fromMinorUnits(row.worth, currency),
    }))
    const total = rows.reduce(
      (sum: bigint, row: Record<string, string>) => sum + BigInt(row.worth),
      0n
    )
    return { asOf, currency, accounts, total: fromMinorUnits(total, currency) }
  },

  /** The expense accounts (class 6) that cost the most in a period, largest first. */
  async topExpenses(
    organizationId: string,
    period: { from: string; to: string; limit?: number },
    options: FinanceQueryOptions = {}
  ) {
    const currency = await currencyOf(organizationId, options)
    const { debit, credit } = columns(options.currency)
    const { rows } = await clientOf(options).rawQuery(
      `SELECT a.code, a.name_fr, a.name_en, sum(d.${debit} - d.${credit})::text AS amount
       FROM finance.daily_balances d JOIN finance.accounts a ON a.id = d.account_id
       WHERE d.organization_id = ? AND d.day BETWEEN ? AND ? AND a.class = 6
       GROUP BY a.code, a.name_fr, a.name_en HAVING sum(d.${debit} - d.${credit}) > 0
       ORDER BY sum(d.${debit} - d.${credit}) DESC, a.code LIMIT ?`,
      [organizationId, period.from, period.to, Math.min(period.limit ?? 10, 100)]
    )
    return {
      from: period.from,
      to: period.to,
      currency,
      expenses: (rows as Array<Record<string, string>>).map((row) => ({
        code: row.code,
        nameFr: row.name_fr,
        nameEn: row.name_en,
        amount: fromMinorUnits(row.amount, currency),
      })),
    }
  },

  /** The balance of an account and its sub-accounts at `asOf` (debit positive), or null for an unknown account. */
  async accountBalance(
    organizationId: string,
    code: string,
    asOf: string,
    options: FinanceQueryOptions = {}
  ) {
    const client = clientOf(options)
    const currency = await currencyOf(organizationId, options)
    const account = await client
      .from('finance.accounts')
      .where({ organization_id: organizationId, code })
      .select('code', 'name_fr', 'name_en')
      .first()
    if (!account) return null
    const { debit, credit } = columns(options.currency)
    const { rows } = await client.rawQuery(
      `SELECT coalesce(sum(d.${debit}), 0)::text AS debit, coalesce(sum(d.${credit}), 0)::text AS credit
       FROM finance.daily_balances d JOIN finance.accounts a ON a.id = d.account_id
       WHERE d.organization_id = ? AND d.day <= ? AND a.code LIKE ?`,
      [organizationId, asOf, `${code}%`]
    )
    return {
      code: account.code,
      nameFr: account.name_fr,
      nameEn: account.name_en,
      asOf,
      currency,
      debit: fromMinorUnits(rows[0].debit, currency),
      credit: fromMinorUnits(rows[0].credit, currency),
      balance: fromMinorUnits(BigInt(rows[0].debit) - BigInt(rows[0].credit), currency),
    }
  },
}
