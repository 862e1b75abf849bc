/*
 * Calendar dates as ISO strings (YYYY-MM-DD) in and out, read and written the locale's way
 * (07/12/2026 in fr, 12/07/2026 in en), with @internationalized/date doing the calendar arithmetic and giving the
 * locale's field order (its DateFormatter caches the Intl formatter).
 */
import {
  CalendarDate,
  DateFormatter,
  endOfMonth,
  getLocalTimeZone,
  parseDate,
  startOfMonth,
  today,
} from '@internationalized/date'
import type { DateRange, DateRangePreset } from './types'

/** Why a typed date was refused; each has a message under `ui.date.errors.*`. */
export type DateParseError = 'format' | 'impossible'

/** What `parseDateText` made of a typed date. */
export type DateParseResult =
  { ok: true; date: string | null } | { ok: false; error: DateParseError }

type Field = 'day' | 'month' | 'year'

type Layout = { order: Field[]; separator: string }
const SHORT_DATE = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } as const
const layouts = new Map<string, Layout>()

/** The order of day, month and year in the locale's short dates, and what separates them (read once per locale). */
export function dateLayout(locale: string): Layout {
  let layout = layouts.get(locale)
  if (!layout) {
    const parts = new DateFormatter(locale, SHORT_DATE).formatToParts(
      new Date(Date.UTC(2026, 11, 7))
    )
    const order = parts
      .filter((part) => part.type === 'day' || part.type === 'month' || part.type === 'year')
      .map((part) => part.type as Field)
    layout = { order, separator: parts.find((part) => part.type === 'literal')?.value ?? '/' }
    layouts.set(locale, layout)
  }
  return layout
}

/** An ISO date written the locale's way: "2026-12-07" gives "07/12/2026" in fr, "12/07/2026" in en. */
export function formatDateText(iso: string, locale: string): string {
  return new DateFormatter(locale, SHORT_DATE).format(parseDate(iso).toDate('UTC'))
}

/** Reads a date typed the locale's way; refuses what is not a date (31/02/2026) rather than rolling it over. */
export function parseDateText(text: string, locale: string): DateParseResult {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, date: null }
  const pieces = trimmed.split(/[\s./-]+/)
  if (pieces.length !== 3 || !pieces.every((piece) => /^\d+$/.test(piece)))
    return { ok: false, error: 'format' }
  const { order } = dateLayout(locale)
  const value = Object.fromEntries(order.map((field, index) => [field, pieces[index]])) as Record<
    Field,
    string
  >
  if (value.year.length !== 4 || value.day.length > 2 || value.month.length > 2)
    return { ok: false, error: 'format' }
  const [year, month, day] = [Number(value.year), Number(value.month), Number(value.day)]
  if (month < 1 || month > 12 || day < 1) return { ok: false, error: 'impossible' }
  // CalendarDate clamps a day past the month's end to its last day: a changed day means the date does not exist.
  const date = new CalendarDate(year, month, day)
  if (date.day !== day) return { ok: false, error: 'impossible' }
  return { ok: true, date: date.toString() }
}

/** The current day in the browser's time zone, as an ISO date. */
export function todayIso(): string {
  return today(getLocalTimeZone()).toString()
}

/**
 * The range a preset stands for on `on` (an ISO date): the calendar month, the quarter before the current one,
 * or the fiscal year that began in `fiscalYearStartMonth` (1 = January) and contains that day.
 */
export function presetRange(
  preset: DateRangePreset,
  on: string,
  fiscalYearStartMonth = 1
): DateRange {
  const day = parseDate(on)
  if (preset === 'thisMonth')
    return { start: startOfMonth(day).toString(), end: endOfMonth(day).toString() }
  if (preset === 'lastQuarter') {
    const quarterStart = new CalendarDate(day.year, Math.floor((day.month - 1) / 3) * 3 + 1, 1)
    const start = quarterStart.subtract({ months: 3 })
    return { start: start.toString(), end: endOfMonth(start.add({ months: 2 })).toString() }
  }
  const startYear = day.month >= fiscalYearStartMonth ? day.year : day.year - 1
  const start = new CalendarDate(startYear, fiscalYearStartMonth, 1)
  return { start: start.toString(), end: start.add({ years: 1 }).subtract({ days: 1 }).toString() }
}
