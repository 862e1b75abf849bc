import {
  defineSerializer,
  isoTimestampOrNull,
  Type,
  wire,
  currencyName,
} from '@ia/kernel/contracts'
import { DateTime } from 'luxon'
import type { CurrencySettings } from '../../contracts/currencies_service.ts'

const currencyShape = Type.Object({
  code: Type.String({ description: 'ISO 4217 code' }),
  precision: Type.Integer({ description: 'Digits after the decimal point (ISO 4217 minor unit)' }),
  name: Type.String({ description: "The currency's name in the reader's language" }),
  isDefault: Type.Boolean(),
  isReporting: Type.Boolean(),
})

type SettingsInput = CurrencySettings & {
  locale: string
  rateSource: string
  providerUrl: string | null
  providerFetchedAt: Date | null
  providerError: string | null
}

/** The organisation's currencies and rate settings (the `CurrencySettings` schema). */
export const serializeCurrencySettings = defineSerializer(
  'CurrencySettings',
  Type.Object({
    defaultCurrency: Type.String(),
    reportingCurrency: Type.String(),
    currencies: Type.Array(currencyShape),
    rateSource: Type.String({
      description: 'Label given to the rates entered by hand or imported',
    }),
    providerUrl: wire.text('HTTP JSON source fetched daily, or null'),
    providerFetchedAt: wire.dateTimeOrNull('Last successful fetch'),
    providerError: wire.text('Why the last fetch failed, or null'),
  }),
  (settings: SettingsInput) => ({
    defaultCurrency: settings.defaultCurrency,
    reportingCurrency: settings.reportingCurrency,
    currencies: settings.currencies.map((currency) => ({
      ...currency,
      name: currencyName(currency.code, settings.locale),
    })),
    rateSource: settings.rateSource,
    providerUrl: settings.providerUrl,
    providerFetchedAt: isoTimestampOrNull(
      settings.providerFetchedAt ? DateTime.fromJSDate(settings.providerFetchedAt) : null
    ),
    providerError: settings.providerError,
  })
)
