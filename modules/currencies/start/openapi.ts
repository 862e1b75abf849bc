import { describeRoute, wrapped } from '@ia/kernel/contracts'
import { serializeCurrencySettings } from '../app/transformers/settings_transformer.ts'

const orgId = { orgId: 'The organisation id (uuid).' }

describeRoute('GET /api/v1/orgs/:orgId/currencies/settings', {
  operationId: 'getCurrencySettings',
  summary: "The organisation's currencies and rate settings",
  tags: ['Currencies'],
  permission: 'currencies.rate.read',
  params: orgId,
  responses: { 200: { description: 'Default and reporting currency, every currency used, rate source and provider.', schema: wrapped('settings', serializeCurrencySettings.ref) } },
})
