import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DocumentKind } from '../models/document.ts'

/** The series a document kind is numbered in, and the format each starts with. */
export const DEFAULT_SERIES_FORMATS: Record<DocumentKind, string> = {
  invoice: 'FA-{YYYY}-{NNNN}',
  credit_note: 'AV-{YYYY}-{NNNN}',
  quote: 'DV-{YYYY}-{NNNN}',
}

/**
 * Whether `format` is a series format: letters, digits and `-_/. ` around `{YYYY}` or `{YY}` (the year:
 * counters restart every year) and exactly one `{N...}` (the counter, zero-padded to as many digits as Ns).
 */
export function isSeriesFormat(format: string) {
  const placeholders = format.match(/\{[^}]*\}/g) ?? []
  const rest = format.replace(/\{[^}]*\}/g, '')
  return (
    /^[A-Za-z0-9\-_/. ]*$/.test(rest) &&
    placeholders.every((placeholder) => /^\{(YYYY|YY|N{1,10})\}$/.test(placeholder)) &&
    placeholders.filter((placeholder) => placeholder.startsWith('{N')).length === 1 &&
    placeholders.some((placeholder) => placeholder.startsWith('{Y'))
  )
}

/** `format` with the year and the counter filled in: `FA-{YYYY}-{NNNN}`, 2026, 7 -> `FA-2026-0007`. */
export function formatNumber(format: string, year: number, value: number) {
  return format
    .replace('{YYYY}', String(year))
    .replace('{YY}', String(year % 100).padStart(2, '0'))
    .replace(/\{(N+)\}/, (_match, digits: string) => String(value).padStart(digits.length, '0'))
}

/**
 * The next number of the organisation's `kind` series for `year`, taken in the issuing transaction:
 * the counter row is created or incremented by one statement, which holds its row lock until the
 * transaction ends. Concurrent issues queue on that row; a rolled-back or killed issue takes its
 * increment with it, so numbers have no gaps and are never reused.
 */
export async function takeNextNumber(
  trx: TransactionClientContract,
  organizationId: string,
  kind: DocumentKind,
  year: number
) {
  const { rows } = await trx.rawQuery(
    `WITH counter AS (
       INSERT INTO invoicing.number_counters (organization_id, kind, year, last_value) VALUES (?, ?, ?, 1)
       ON CONFLICT (organization_id, kind, year) DO UPDATE SET last_value = invoicing.number_counters.last_value + 1
       RETURNING last_value
     )
     SELECT counter.last_value, coalesce(series.format, ?) AS format
       FROM counter LEFT JOIN invoicing.number_series series ON series.organization_id = ? AND series.kind = ?`,
    [organizationId, kind, year, DEFAULT_SERIES_FORMATS[kind], organizationId, kind]
  )
  const { last_value: value, format } = rows[0] as { last_value: number; format: string }
  return formatNumber(format, year, value)
}
