/*
 * The currencies module's part of the API reference (loaded by the platform): one description per
 * route; the response schemas are the serializers' own (app/transformers).
 */
import { describeRoute, listOf, wrapped } from '@ia/kernel/contracts'
import { serializeCurrencySettings } from '../app/transformers/settings_transformer.ts'
import {
  serializeRate,
  serializeRateHistory,
  serializeRateUsed,
} from '../app/transformers/rate_transformer.ts'
import { serializeRateImport } from '../app/transformers/rate_import_transformer.ts'
import {
  importRatesValidator,
  listRatesValidator,
  rateAtValidator,
  rateHistoryValidator,
  recordRateValidator,
  updateSettingsValidator,
} from '../app/validators/currencies.ts'

const tags = ['Currencies']
const params = { orgId: 'The organisation id (uuid).' }
const forbidden = 'The caller lacks the permission: `E_FORBIDDEN`.'
const settings = wrapped('settings', serializeCurrencySettings.ref)
const rate = wrapped('rate', serializeRate.ref)
const rateImport = wrapped('import', serializeRateImport.ref)

describeRoute('GET /api/v1/orgs/:orgId/currencies/iso', {
  operationId: 'listIsoCurrencies',
  summary: 'Every ISO 4217 currency, with its precision, named in the reader’s language',
  tags,
  permission: 'currencies.rate.read',
  params,
  responses: {
    200: {
      description: 'By code.',
      schema: listOf({
        type: 'object',
        properties: {
          code: { type: 'string' },
          precision: { type: 'integer' },
          name: { type: 'string' },
        },
        required: ['code', 'precision', 'name'],
      }),
    },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/currencies/settings', {
  operationId: 'getCurrencySettings',
  summary: 'The organisation’s currencies and rate settings',
  tags,
  permission: 'currencies.rate.read',
  params,
  responses: {
    200: {
      description: 'Default and reporting currency, every currency used, rate source and provider.',
      schema: settings,
    },
    403: forbidden,
  },
})
describeRoute('PUT /api/v1/orgs/:orgId/currencies/settings', {
  operationId: 'updateCurrencySettings',
  summary:
    'Change the organisation’s currencies, default and reporting currency, rate source and provider URL',
  description:
    'The default and the reporting currency must be among `currencies` (else `E_CURRENCY_NOT_USED` on that field).',
  tags,
  permission: 'currencies.settings.manage',
  params,
  request: updateSettingsValidator,
  requestExample: {
    currencies: ['CDF', 'USD', 'EUR'],
    defaultCurrency: 'CDF',
    reportingCurrency: 'USD',
    rateSource: 'Banque Centrale du Congo - taux indicatif',
    providerUrl: null,
  },
  responses: { 200: { description: 'The settings as saved.', schema: settings }, 403: forbidden },
})
describeRoute('POST /api/v1/orgs/:orgId/currencies/provider/fetch', {
  operationId: 'fetchCurrencyRates',
  summary: 'Fetch the provider’s rates now',
  description:
    'Queues the job that reads the provider URL (it also runs daily). No provider URL: `E_RATE_NO_PROVIDER`.',
  tags,
  permission: 'currencies.settings.manage',
  params,
  responses: {
    202: {
      description: 'Queued.',
      schema: { type: 'object', properties: { jobId: { type: 'string' } }, required: ['jobId'] },
    },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/currencies/rates', {
  operationId: 'listCurrencyRates',
  summary: 'Page through the daily rates, newest first',
  description: 'Keyset pages: send `meta.nextCursor` back as `cursor` (null on the last page).',
  tags,
  permission: 'currencies.rate.read',
  params,
  query: listRatesValidator,
  responses: {
    200: {
      description: 'One page (50 rates by default).',
      schema: {
        type: 'object',
        properties: {
          data: { type: 'array', items: serializeRate.ref },
          meta: {
            type: 'object',
            properties: { perPage: { type: 'integer' }, nextCursor: { type: ['string', 'null'] } },
            required: ['perPage', 'nextCursor'],
          },
        },
        required: ['data', 'meta'],
      },
    },
    403: forbidden,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/currencies/rates', {
  operationId: 'recordCurrencyRate',
  summary:
    'Record the rate of a day (1 base = rate quote); the same pair and day again replaces it',
  tags,
  permission: 'currencies.rate.create',
  params,
  request: recordRateValidator,
  requestExample: {
    baseCurrency: 'USD',
    quoteCurrency: 'CDF',
    rate: '2850.50',
    date: '2026-03-02',
  },
  responses: { 201: { description: 'Recorded.', schema: rate }, 403: forbidden },
})
describeRoute('POST /api/v1/orgs/:orgId/currencies/rates/import', {
  operationId: 'importCurrencyRates',
  summary: 'Import daily rates from a CSV file (date, base, quote, rate), as a job',
  description:
    'The file is read at once (an unreadable file: `E_RATE_IMPORT_UNREADABLE` on `file`, nothing queued), then recorded by the `currencies.import_rates` job. ' +
    'Follow it with `GET .../currencies/rates/imports/{rateImportId}` or the live job progress; valid rows are recorded together, each refused row is kept with its line, column and reason.',
  tags,
  permission: 'currencies.rate.create',
  params,
  request: importRatesValidator,
  responses: {
    202: { description: 'The import, queued.', schema: rateImport },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/currencies/rates/imports/:rateImportId', {
  operationId: 'getCurrencyRateImport',
  summary: 'Where a rates import stands: queued, completed (count and refused rows) or failed',
  tags,
  permission: 'currencies.rate.read',
  params: { ...params, rateImportId: 'The rates import id (uuid).' },
  responses: { 200: { description: 'The import.', schema: rateImport }, 403: forbidden },
})
describeRoute('GET /api/v1/orgs/:orgId/currencies/rates/history', {
  operationId: 'getCurrencyRateHistory',
  summary: 'A pair’s daily rates over the last days (90 by default), oldest first',
  tags,
  permission: 'currencies.rate.read',
  params,
  query: rateHistoryValidator,
  responses: {
    200: {
      description: 'The points of the chart.',
      schema: wrapped('history', serializeRateHistory.ref),
    },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/currencies/rates/at', {
  operationId: 'getCurrencyRateAt',
  summary:
    'The rate that applies to a pair at a date: the nearest on or before it, with its date and source',
  description: 'No rate: 422 `E_RATE_NOT_FOUND` naming the pair and the date.',
  tags,
  permission: 'currencies.rate.read',
  params,
  query: rateAtValidator,
  responses: {
    200: { description: 'The rate used.', schema: wrapped('rate', serializeRateUsed.ref) },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/currencies/rates/:rateId', {
  operationId: 'getCurrencyRate',
  summary: 'One rate',
  tags,
  permission: 'currencies.rate.read',
  params: { ...params, rateId: 'The rate id (uuid).' },
  responses: { 200: { description: 'The rate.', schema: rate }, 403: forbidden },
})
