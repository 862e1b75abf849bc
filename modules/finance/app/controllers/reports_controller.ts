import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { authorize, tenantContext } from '@ia/kernel/contracts'
import { financeErrors } from '../errors.ts'
import {
  ageing,
  balanceSheet,
  dashboard,
  generalLedger,
  incomeStatement,
  trialBalance,
  vatSummary,
  type CurrencyView,
} from '../services/reports.ts'
import {
  reportCsv,
  reportPdf,
  reportXlsx,
  type ReportFormat,
  type ReportLocale,
  type ReportTable,
} from '../services/report_exports.ts'
import { reportTables } from '../services/report_tables.ts'
import {
  ageingValidator,
  atDateReportValidator,
  generalLedgerValidator,
  periodReportValidator,
} from '../validators/reports.ts'

const isoDate = (date: Date) => DateTime.fromJSDate(date).toISODate()!

function periodOf(input: { from: Date; to: Date }) {
  const from = isoDate(input.from)
  const to = isoDate(input.to)
  if (to < from) throw financeErrors.periodOrder()
  if (DateTime.fromISO(to).diff(DateTime.fromISO(from), 'years').years > 10)
    throw financeErrors.periodTooLong()
  return { from, to }
}

type Options = { currency?: CurrencyView; format?: ReportFormat; lang?: ReportLocale }

/**
 * Answers a report as JSON, or as a CSV, XLSX or PDF file of its table. The file's name is the
 * report's title and period.
 */
async function answer<R>(
  ctx: HttpContext,
  options: Options,
  report: R,
  table: (report: R, locale: ReportLocale) => ReportTable,
  fileStem: string
) {
  const format = options.format ?? 'json'
  if (format === 'json') return { report }
  const locale = options.lang ?? (ctx.i18n.locale === 'en' ? 'en' : 'fr')
  const laidOut = table(report, locale)
  const types = {
    csv: 'text/csv; charset=utf-8',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pdf: 'application/pdf',
  }
  const body =
    format === 'csv'
      ? await reportCsv(laidOut)
      : format === 'xlsx'
        ? await reportXlsx(laidOut)
        : Buffer.from(await reportPdf(laidOut, tenantContext.require(), locale))
  ctx.response.header('content-type', types[format])
  ctx.response.header(
    'content-disposition',
    `attachment; filename="${fileStem}.${format}"; filename*=UTF-8''${encodeURIComponent(`${laidOut.title} ${fileStem}.${format}`)}`
  )
  return ctx.response.send(body)
}

const view = (options: Options): CurrencyView => options.currency ?? 'book'
const today = () => DateTime.now().toISODate()!

/** The financial reports: trial balance, general ledger, income statement, balance sheet, TVA, ageing. */
export default class ReportsController {
  async trialBalance(ctx: HttpContext) {
    await authorize(ctx, 'finance.report.read')
    const input = await ctx.request.validateUsing(periodReportValidator, { data: ctx.request.qs() })
    const { from, to } = periodOf(input)
    const organizationId = tenantContext.require()
    const report = await trialBalance({
      organizationId,
      from,
      to,
      view: view(input),
      client: db.connection(),
    })
    return answer(ctx, input, report, reportTables.trialBalance, `trial-balance-${from}-${to}`)
  }

  async generalLedger(ctx: HttpContext) {
    await authorize(ctx, 'finance.report.read')
    const input = await ctx.request.validateUsing(generalLedgerValidator, {
      data: ctx.request.qs(),
    })
    const { from, to } = periodOf(input)
    const report = await generalLedger({
      organizationId: tenantContext.require(),
      from,
      to,
      view: view(input),
      client: db.connection(),
      account: input.account,
      limit: input.limit ?? 1000,
    })
    return answer(
      ctx,
      input,
      report,
      reportTables.generalLedger,
      `ledger-${input.account}-${from}-${to}`
    )
  }

  async incomeStatement(ctx: HttpContext) {
    await authorize(ctx, 'finance.report.read')
    const input = await ctx.request.validateUsing(periodReportValidator, { data: ctx.request.qs() })
    const { from, to } = periodOf(input)
    const report = await incomeStatement({
      organizationId: tenantContext.require(),
      from,
      to,
      view: view(input),
      client: db.connection(),
    })
    return answer(
      ctx,
      input,
      report,
      reportTables.incomeStatement,
      `income-statement-${from}-${to}`
    )
  }

  async balanceSheet(ctx: HttpContext) {
    await authorize(ctx, 'finance.report.read')
    const input = await ctx.request.validateUsing(atDateReportValidator, { data: ctx.request.qs() })
    const at = input.at ? isoDate(input.at) : today()
    const report = await balanceSheet({
      organizationId: tenantContext.require(),
      to: at,
      view: view(input),
      client: db.connection(),
    })
    return answer(ctx, input, report, reportTables.balanceSheet, `balance-sheet-${at}`)
  }

  async vatSummary(ctx: HttpContext) {
    await authorize(ctx, 'finance.report.read')
    const input = await ctx.request.validateUsing(periodReportValidator, { data: ctx.request.qs() })
    const { from, to } = periodOf(input)
    const report = await vatSummary({
      organizationId: tenantContext.require(),
      from,
      to,
      view: view(input),
      client: db.connection(),
    })
    return answer(ctx, input, report, reportTables.vatSummary, `vat-${from}-${to}`)
  }

  /** The figures of a period's dashboard (JSON only: the screens chart them). */
  async dashboard(ctx: HttpContext) {
    await authorize(ctx, 'finance.report.read')
    const input = await ctx.request.validateUsing(periodReportValidator, { data: ctx.request.qs() })
    const { from, to } = periodOf(input)
    const report = await dashboard({
      organizationId: tenantContext.require(),
      from,
      to,
      view: view(input),
      client: db.connection(),
    })
    return { report }
  }

  async ageing(ctx: HttpContext) {
    await authorize(ctx, 'finance.report.read')
    const input = await ctx.request.validateUsing(ageingValidator, { data: ctx.request.qs() })
    const asOf = input.at ? isoDate(input.at) : today()
    const report = await ageing({
      organizationId: tenantContext.require(),
      asOf,
      side: input.side,
      view: view(input),
      client: db.connection(),
    })
    return answer(ctx, input, report, reportTables.ageing, `${input.side}-ageing-${asOf}`)
  }
}
