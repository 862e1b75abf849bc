/*
 * The fiscal module's part of the API reference (loaded by the platform): one description per route;
 * the response schemas are the serializers' own (app/transformers).
 */
import { describeRoute, listOf, wrapped } from '@ia/kernel/contracts'
import {
  serializeDevice,
  serializeDeviceStatus,
  serializeNormalisation,
} from '../app/transformers/fiscal_transformer.ts'
import { listNormalisationsValidator, updateDeviceValidator } from '../app/validators/fiscal.ts'

const tags = ['Fiscal']
const params = { orgId: 'The organisation id (uuid).' }
const forbidden = 'The caller lacks the permission: `E_FORBIDDEN`.'
const settings = wrapped('settings', serializeDevice.ref)
const normalisation = wrapped('normalisation', serializeNormalisation.ref)

describeRoute('GET /api/v1/orgs/:orgId/fiscal/settings', {
  operationId: 'getFiscalDevice',
  summary: 'The organisation’s e-MCF settings (never the token)',
  tags,
  permission: 'fiscal.settings.read',
  params,
  responses: { 200: { description: 'The settings.', schema: settings }, 403: forbidden },
})
describeRoute('PUT /api/v1/orgs/:orgId/fiscal/settings', {
  operationId: 'updateFiscalDevice',
  summary:
    'Save the e-MCF settings: NIF, device id (ISF), token, base URL, test or production, on/off',
  description:
    'The token is stored encrypted and never answered; leave it out to keep the stored one (first save: `E_FISCAL_TOKEN_REQUIRED`). Switching on queues a run of the normalisation queue.',
  tags,
  permission: 'fiscal.settings.manage',
  params,
  request: updateDeviceValidator,
  requestExample: {
    enabled: true,
    environment: 'test',
    baseUrl: 'https://emcf-test.example.cd/api',
    nif: 'A1234567B',
    isf: 'ISF-0001',
    token: 'jeton-delivre-par-la-dgi',
    operatorName: 'Caisse principale',
  },
  responses: { 200: { description: 'The settings as saved.', schema: settings }, 403: forbidden },
})
describeRoute('POST /api/v1/orgs/:orgId/fiscal/settings/check', {
  operationId: 'checkFiscalDevice',
  summary: 'Ask the e-MCF `GET /info/status` with the stored settings',
  description:
    'A refused token: 422 `E_FISCAL_TOKEN_REFUSED`; the e-MCF unreachable: 502 `E_FISCAL_DEVICE_UNAVAILABLE`.',
  tags,
  permission: 'fiscal.settings.manage',
  params,
  responses: {
    200: {
      description: 'The device’s status.',
      schema: wrapped('status', serializeDeviceStatus.ref),
    },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/fiscal/normalisations', {
  operationId: 'listNormalisations',
  summary: 'The last 200 normalisations, newest first',
  tags,
  permission: 'fiscal.normalisation.read',
  params,
  query: listNormalisationsValidator,
  responses: {
    200: { description: 'Newest first.', schema: listOf(serializeNormalisation.ref) },
    403: forbidden,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/fiscal/normalisations/drain', {
  operationId: 'drainNormalisations',
  summary: 'Run the normalisation queue now',
  tags,
  permission: 'fiscal.normalisation.retry',
  params,
  responses: {
    202: {
      description: 'Queued.',
      schema: { type: 'object', properties: { jobId: { type: 'string' } }, required: ['jobId'] },
    },
    403: forbidden,
  },
})
describeRoute('GET /api/v1/orgs/:orgId/fiscal/documents/:documentId/normalisation', {
  operationId: 'getDocumentNormalisation',
  summary: 'The normalisation of one invoice or credit note',
  description:
    'Null when the document has none (a draft, a quote, issued before normalisation was on); 404 when the organisation has no such document.',
  tags,
  permission: 'fiscal.normalisation.read',
  params: { ...params, documentId: 'The invoicing document id (uuid).' },
  responses: {
    200: {
      description: 'Its normalisation, or null.',
      schema: {
        type: 'object',
        properties: { normalisation: { anyOf: [serializeNormalisation.ref, { type: 'null' }] } },
        required: ['normalisation'],
      },
    },
    403: forbidden,
  },
})
describeRoute('POST /api/v1/orgs/:orgId/fiscal/normalisations/:normalisationId/retry', {
  operationId: 'retryNormalisation',
  summary: 'Try a failed normalisation again',
  description: 'Only a failed one: else 409 `E_NORMALISATION_NOT_RETRYABLE`.',
  tags,
  permission: 'fiscal.normalisation.retry',
  params: { ...params, normalisationId: 'The normalisation id (uuid).' },
  responses: { 200: { description: 'Queued again.', schema: normalisation }, 403: forbidden },
})
