import type {
  ageing,
  balanceSheet,
  generalLedger,
  incomeStatement,
  trialBalance,
  vatSummary,
} from './reports.ts'
import { INCOME_STATEMENT_TOTALS } from './statement_layouts.ts'
import { reportText, type ReportLocale, type ReportTable } from './report_exports.ts'

type Result<F extends (...args: any[]) => any> = Awaited<ReturnType<F>>

const nameIn = (locale: ReportLocale, row: { nameFr: string; nameEn: string }) =>
  locale === 'fr' ? row.nameFr : row.nameEn
const labelIn = (locale: ReportLocale, row: { labelFr: string; labelEn: string }) =>
  locale === 'fr' ? row.labelFr : row.labelEn
const period = (locale: ReportLocale, report: { from: string; to: string; currency: string }) =>
  reportText(locale, 'period', report)
const amount = (label: string) => ({ label, amount: true })

/** Each report as one table for the exports. */
export const reportTables = {
  trialBalance(report: Result<typeof trialBalance>, locale: ReportLocale): ReportTable {
    const t = (key: string) => reportText(locale, key)
    return {
      title: t('trialBalance.title'),
      subtitle: period(locale, report),
      currency: report.currency,
      columns: [
        { label: t('account') },
        { label: t('name') },
        amount(t('opening')),
        amount(t('debit')),
        amount(t('credit')),
        amount(t('closing')),
      ],
      rows: [
        ...report.rows.map((row) => [
          row.code,
          nameIn(locale, row),
          row.opening,
          row.debit,
          row.credit,
          row.closing,
        ]),
        [
          t('total'),
          null,
          report.totals.opening,
          report.totals.debit,
          report.totals.credit,
          report.totals.closing,
        ],
      ],
      emphasised: [report.rows.length],
    }
  },

  generalLedger(report: Result<typeof generalLedger>, locale: ReportLocale): ReportTable {
    const t = (key: string) => reportText(locale, key)
    return {
      title: `${t('generalLedger.title')} ${report.account.code} ${nameIn(locale, report.account)}`,
      subtitle: period(locale, report),
      currency: report.currency,
      columns: [
        { label: t('date') },
        { label: t('entry') },
        { label: t('account') },
        { label: t('description') },
        amount(t('debit')),
        amount(t('credit')),
        amount(t('balance')),
      ],
      rows: [
        [null, null, null, t('openingBalance'), null, null, report.opening],
        ...report.lines.map((line) => [
          line.date,
          line.number,
          line.account,
          line.description,
          line.debit,
          line.credit,
          line.balance,
        ]),
        [null, null, null, t('total'), report.debit, report.credit, report.closing],
      ],
      emphasised: [0, report.lines.length + 1],
    }
  },

  incomeStatement(report: Result<typeof incomeStatement>, locale: ReportLocale): ReportTable {
    const t = (key: string) => reportText(locale, key)
    const rows = report.lines.map((line) => [line.ref, labelIn(locale, line), line.amount])
    const totals = INCOME_STATEMENT_TOTALS.map((total) => [
      total.ref,
      labelIn(locale, total),
      report.totals[total.ref],
    ])
    return {
      title: t('incomeStatement.title'),
      subtitle: period(locale, report),
      currency: report.currency,
      columns: [{ label: t('ref') }, { label: t('heading') }, amount(t('amount'))],
      rows: [...rows, ...totals],
      emphasised: totals.map((_, index) => rows.length + index),
    }
  },

  balanceSheet(report: Result<typeof balanceSheet>, locale: ReportLocale): ReportTable {
    const t = (key: string) => reportText(locale, key)
    const assets = report.assets.map((line) => [line.ref, labelIn(locale, line), line.amount])
    const liabilities = report.liabilities.map((line) => [
      line.ref,
      labelIn(locale, line),
      line.amount,
    ])
    return {
      title: t('balanceSheet.title'),
      subtitle: reportText(locale, 'at', report),
      currency: report.currency,
      columns: [{ label: t('ref') }, { label: t('heading') }, amount(t('amount'))],
      rows: [
        ...assets,
        ['BZ', t('balanceSheet.totalAssets'), report.totalAssets],
        ...liabilities,
        ['DZ', t('balanceSheet.totalLiabilities'), report.totalLiabilities],
      ],
      emphasised: [assets.length, assets.length + liabilities.length + 1],
    }
  },

  vatSummary(report: Result<typeof vatSummary>, locale: ReportLocale): ReportTable {
    const t = (key: string) => reportText(locale, key)
    return {
      title: t('vatSummary.title'),
      subtitle: period(locale, report),
      currency: report.currency,
      columns: [
        { label: t('month') },
        amount(t('vatSummary.collected')),
        amount(t('vatSummary.deductible')),
        amount(t('vatSummary.due')),
      ],
      rows: [
        ...report.months.map((month) => [
          month.month,
          month.collected,
          month.deductible,
          month.due,
        ]),
        [t('total'), report.totals.collected, report.totals.deductible, report.totals.due],
      ],
      emphasised: [report.months.length],
    }
  },

  ageing(report: Result<typeof ageing>, locale: ReportLocale): ReportTable {
    const t = (key: string) => reportText(locale, key)
    const buckets = ['notDue', 'days1To30', 'days31To60', 'days61To90', 'over90', 'total'] as const
    return {
      title: t(`ageing.${report.side}`),
      subtitle: reportText(locale, 'at', report),
      currency: report.currency,
      columns: [{ label: t('partner') }, ...buckets.map((bucket) => amount(t(`ageing.${bucket}`)))],
      rows: [
        ...report.partners.map((partner) => [
          partner.name ?? t('ageing.unknownPartner'),
          ...buckets.map((bucket) => partner[bucket]),
        ]),
        [t('total'), ...buckets.map((bucket) => report.totals[bucket])],
      ],
      emphasised: [report.partners.length],
    }
  },
}
