import type { DataTableColumn, DataTableExportFormat } from '../../types'

type Cell = string | number | boolean | Date | null | undefined

function cellValue<Row>(row: Row, column: DataTableColumn<Row>): Cell {
  if (column.exportValue) return column.exportValue(row)
  const value = (row as Record<string, unknown>)[column.key]
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) return value.join(', ')
  if (typeof value === 'object' && !(value instanceof Date)) return JSON.stringify(value)
  return value as Cell
}

const MIME: Record<DataTableExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/**
 * The rows and columns given, as a CSV or XLSX file built by exceljs. exceljs is imported here, on
 * the first export, so that no page pays for it before someone exports.
 */
export async function buildExport<Row>(
  rows: readonly Row[],
  columns: readonly DataTableColumn<Row>[],
  format: DataTableExportFormat,
  sheetName: string
): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
  const sheet = workbook.addWorksheet(
    sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Export'
  )
  sheet.columns = columns.map((column) => ({
    header: column.label,
    key: column.key,
    width: Math.max(10, Math.round((column.width ?? 160) / 8)),
  }))
  for (const row of rows) sheet.addRow(columns.map((column) => cellValue(row, column)))
  sheet.getRow(1).font = { bold: true }
  // A byte-order mark lets Excel read the CSV's accents as UTF-8.
  const buffer =
    format === 'xlsx'
      ? await workbook.xlsx.writeBuffer()
      : await workbook.csv.writeBuffer({ formatterOptions: { writeBOM: true } })
  return new Blob([buffer as ArrayBuffer], { type: MIME[format] })
}

/** Hands a file to the browser as a download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on the next turn: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
