import { defineSerializer, isoTimestamp, Type, wire } from '@ia/kernel/contracts'
import { Decimal } from '@ia/kernel/contracts'
import type Rate from '../models/rate.ts'
import { RATE_ORIGINS } from '../models/rate.ts'
import type { RateUsed } from '../../contracts/currencies_service.ts'

/** The public shape of a rate (the `CurrencyRate` schema). */
export const serializeRate = defineSerializer(
  'CurrencyRate',
  Type.Object({
    id: wire.uuid(),
    baseCurrency: Type.String({ description: 'ISO 4217: 1 unit of it...' }),
    quoteCurrency: Type.String({ description: '...is worth `rate` units of this one' }),
    rate: Type.String({ description: 'Decimal string, never a float' }),
    date: Type.String({ format: 'date' }),
    source: Type.String(),
    origin: wire.oneOf(RATE_ORIGINS),
    createdAt: wire.dateTime(),
    updatedAt: wire.dateTime(),
  }),
  (rate: Rate) => ({
    id: rate.id,
    baseCurrency: rate.baseCurrency,
    quoteCurrency: rate.quoteCurrency,
    rate: new Decimal(rate.rate).toString(),
    date: rate.rateDate.toISODate()!,
    source: rate.source,
    origin: rate.origin,
    createdAt: isoTimestamp(rate.createdAt),
    updatedAt: isoTimestamp(rate.updatedAt),
  })
)

/** The rate that applies to a pair at a date, and where it comes from (the `CurrencyRateUsed` schema). */
export const serializeRateUsed = defineSerializer(
  'CurrencyRateUsed',
  Type.Object({
    from: Type.String(),
    to: Type.String(),
    rate: Type.String({ description: '1 `from` = `rate` `to`' }),
    requestedDate: Type.String({ format: 'date' }),
    date: Type.String({
      format: 'date',
      description: 'Date of the rate used: the nearest on or before the requested date',
    }),
    source: wire.text('Source label; null for a currency to itself'),
    inverse: Type.Boolean({ description: 'The stored rate was the other way round' }),
    via: wire.text('Currency a cross rate went through, or null'),
  }),
  (used: RateUsed) => used
)

type RateHistory = {
  baseCurrency: string
  quoteCurrency: string
  points: Array<{ date: string; rate: string }>
}

/** A pair's daily rates for a chart, oldest first (the `CurrencyRateHistory` schema). */
export const serializeRateHistory = defineSerializer(
  'CurrencyRateHistory',
  Type.Object({
    baseCurrency: Type.String(),
    quoteCurrency: Type.String(),
    points: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), rate: Type.String() })),
  }),
  (history: RateHistory) => history
)
