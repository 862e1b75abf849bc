import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Decimal, events } from '@ia/kernel/contracts'
import type { RateOrigin } from '../models/rate.ts'

/** A day's rate, already checked: 1 base = rate quote. */
export type NewRate = { baseCurrency: string; quoteCurrency: string; rate: string; date: string }

/**
 * Stores the rates of `organizationId` in the caller's transaction: a rate of the same pair and day
 * replaces the one stored (a corrected figure), and each announces `currencies.rate.recorded`.
 * Documents keep the rate they were issued at, so a replaced rate changes none of them.
 */
export async function recordRates(
  organizationId: string,
  rates: NewRate[],
  origin: RateOrigin,
  source: string,
  recordedBy: string | null,
  trx: TransactionClientContract
) {
  if (!rates.length) return []
  const now = new Date()
  const knex = trx.getWriteClient()
  const rows: Array<{
    id: string
    base_currency: string
    quote_currency: string
    rate: string
    rate_date: string
  }> = await trx
    .insertQuery()
    .table('currencies.rates')
    .knexQuery.insert(
      rates.map((rate) => ({
        organization_id: organizationId,
        base_currency: rate.baseCurrency,
        quote_currency: rate.quoteCurrency,
        rate: rate.rate,
        rate_date: rate.date,
        source,
        origin,
        recorded_by: recordedBy,
        created_at: now,
        updated_at: now,
      }))
    )
    .onConflict(['organization_id', 'base_currency', 'quote_currency', 'rate_date'])
    .merge(['rate', 'source', 'origin', 'recorded_by', 'updated_at'])
    .returning([
      'id',
      'base_currency',
      'quote_currency',
      knex.raw('rate::text as rate'),
      knex.raw("to_char(rate_date, 'YYYY-MM-DD') as rate_date"),
    ])
  await events.publishMany(
    'currencies.rate.recorded',
    rows.map((row) => ({
      rateId: row.id,
      baseCurrency: row.base_currency,
      quoteCurrency: row.quote_currency,
      rate: new Decimal(row.rate).toString(),
      date: row.rate_date,
      source,
      origin,
    })),
    { client: trx, organizationId }
  )
  return rows.map((row) => row.id)
}
