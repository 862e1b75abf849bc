import { fileURLToPath } from 'node:url'
import i18nManager from '@adonisjs/i18n/services/main'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import ExcelJS from 'exceljs'
import { currencyPrecision, documents, organizations } from '@ia/kernel/contracts'

const TEMPLATE = fileURLToPath(new URL('../../resources/documents/report.typ', import.meta.url))

/** The languages a report is printed in. */
export type ReportLocale = 'fr' | 'en'

/** A column of a report table: amounts are right-aligned and written as numbers in a spreadsheet. */
export type ReportColumn = { label: string; amount?: boolean }

/** A report laid out as one table, ready for CSV, XLSX and PDF. */
export type ReportTable = {
  title: string
  subtitle: string
  currency: string
  columns: ReportColumn[]
  rows: Array<Array<string | null>>
  /** Rows printed in bold (totals, subtotals), by index in `rows`. */
  emphasised?: number[]
}

/** The export formats of every report. */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** A report's text in `locale`. */
export const reportText = (locale: ReportLocale, key: string, data?: Record<string, unknown>) =>
  i18nManager.locale(locale).t(`finance.reports.${key}`, data)

function workbookOf(table: ReportTable) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(table.title.slice(0, 31))
  const format = `#,##0${currencyPrecision(table.currency) ? '.' + '0'.repeat(currencyPrecision(table.currency)) : ''}`
  sheet.addRow([table.title])
  sheet.addRow([table.subtitle])
  sheet.addRow([])
  sheet.addRow(table.columns.map((column) => column.label)).font = { bold: true }
  table.rows.forEach((row, index) => {
    // A spreadsheet stores numbers as doubles: amounts are written from their exact decimal text.
    const added = sheet.addRow(
      row.map((cell, column) =>
        table.columns[column].amount && cell !== null && cell !== '' ? Number(cell) : cell
      )
    )
    if (table.emphasised?.includes(index)) added.font = { bold: true }
  })
  table.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1)
    sheetColumn.width = column.amount ? 18 : index === 0 ? 14 : 40
    if (column.amount) sheetColumn.numFmt = format
  })
  return workbook
}

/** The table as an XLSX workbook. */
export async function reportXlsx(table: ReportTable): Promise<Buffer> {
  return Buffer.from(await workbookOf(table).xlsx.writeBuffer())
}

/** The table as CSV (UTF-8 with a byte order mark, so spreadsheets read the accents): header row, then rows. */
export async function reportCsv(table: ReportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('report')
  sheet.addRow(table.columns.map((column) => column.label))
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? ''))
  const csv = Buffer.from(await workbook.csv.writeBuffer())
  return Buffer.concat([Buffer.from('\uFEFF'), csv])
}

/** The table printed by the platform's document engine (Typst), amounts written for a reader of `locale`. */
export async function reportPdf(
  table: ReportTable,
  organizationId: string,
  locale: ReportLocale,
  client?: QueryClientContract
): Promise<Uint8Array> {
  const profile = await organizations.find(organizationId, client)
  const digits = currencyPrecision(table.currency)
  const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-CD' : 'en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
  return documents.pdf({
    template: TEMPLATE,
    data: {
      lang: locale,
      organization: profile?.name ?? '',
      title: table.title,
      subtitle: table.subtitle,
      currency: table.currency,
      page: reportText(locale, 'page'),
      columns: table.columns.map((column) => ({
        label: column.label,
        amount: Boolean(column.amount),
      })),
      rows: table.rows.map((row, index) => ({
        bold: Boolean(table.emphasised?.includes(index)),
        cells: row.map((cell, column) =>
          table.columns[column].amount && cell !== null && cell !== ''
            ? number.format(cell as unknown as number)
            : (cell ?? '')
        ),
      })),
    },
  })
}
