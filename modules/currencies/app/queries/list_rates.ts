import { DateTime } from 'luxon'
import { Decimal, isUuid } from '@ia/kernel/contracts'
import Rate from '../models/rate.ts'
import { currencyErrors } from '../errors.ts'

type RateFilters = {
  baseCurrency?: string
  quoteCurrency?: string
  cursor?: string
  perPage?: number
}

function encodeCursor(rate: Rate) {
  return Buffer.from(JSON.stringify([rate.rateDate.toISODate(), rate.id])).toString('base64url')
}

function decodeCursor(token: string): [string, string] {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    throw currencyErrors.invalidCursor()
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw currencyErrors.invalidCursor()
  const [date, id] = parsed as unknown[]
  if (
    typeof date !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    !DateTime.fromISO(date).isValid ||
    !isUuid(id)
  )
    throw currencyErrors.invalidCursor()
  return [date, id as string]
}

/** One keyset page of the current organisation's rates, newest day first (a deep page costs what the first does). */
export async function ratesPage(filters: RateFilters) {
  const perPage = filters.perPage ?? 50
  const query = Rate.query()
  if (filters.baseCurrency) query.where('base_currency', filters.baseCurrency)
  if (filters.quoteCurrency) query.where('quote_currency', filters.quoteCurrency)
  if (filters.cursor) {
    const [date, id] = decodeCursor(filters.cursor)
    query.whereRaw('(rate_date, id) < (?::date, ?::uuid)', [date, id])
  }
  const rows = await query
    .orderBy('rate_date', 'desc')
    .orderBy('id', 'desc')
    .limit(perPage + 1)
  const rates = rows.slice(0, perPage)
  return { rates, nextCursor: rows.length > perPage ? encodeCursor(rates[rates.length - 1]) : null }
}

/**
 * The current organisation's daily rates of base -> quote over the last `days` days, oldest first:
 * a rate stored the other way round is inverted, and on a day with both the one stored as asked wins.
 */
export async function rateHistory(baseCurrency: string, quoteCurrency: string, days: number) {
  const since = DateTime.now().minus({ days }).toISODate()
  const rows = await Rate.query()
    .where('rate_date', '>=', since)
    .where((pair) => {
      pair
        .where({ base_currency: baseCurrency, quote_currency: quoteCurrency })
        .orWhere({ base_currency: quoteCurrency, quote_currency: baseCurrency })
    })
    .orderBy('rate_date', 'asc')
    .orderByRaw('(base_currency = ?) asc', [baseCurrency])
  const byDay = new Map<string, string>()
  for (const row of rows) {
    const rate = new Decimal(row.rate)
    byDay.set(
      row.rateDate.toISODate()!,
      row.baseCurrency === baseCurrency
        ? rate.toString()
        : new Decimal(1).div(rate).toSignificantDigits(15).toString()
    )
  }
  return { baseCurrency, quoteCurrency, points: [...byDay].map(([date, rate]) => ({ date, rate })) }
}
