import { defineEvents, payload, type EventPayloads } from '@ia/kernel/contracts'

/** A day's rate was entered, imported or fetched (or replaced for the same pair and day). */
export type RateRecorded = {
  rateId: string
  baseCurrency: string
  quoteCurrency: string
  /** Decimal string: 1 base = rate quote. */
  rate: string
  /** YYYY-MM-DD */
  date: string
  source: string
  origin: 'manual' | 'import' | 'provider'
}

/** The events the currencies module publishes (module.json's `events.publishes` names the same). */
export const currenciesEvents = defineEvents('currencies', {
  'currencies.rate.recorded': payload<RateRecorded>(),
})

declare module '@ia/kernel/contracts' {
  interface DomainEvents extends EventPayloads<typeof currenciesEvents> {}
}
