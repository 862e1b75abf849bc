/*
 * The payments module's part of the API reference (loaded by the platform): one description per route;
 * the response schemas are the serializers' own (app/transformers).
 */
import { describeRoute, listOf, wrapped, type RouteDoc } from '@ia/kernel/contracts'
import {
  serializeGatewayEvent,
  serializeOperator,
  serializePaymentRequest,
  serializePayout,
  serializePublicPaymentRequest,
  serializeSettings,
} from '../app/transformers/payments_transformer.ts'
import {
  createPaymentRequestValidator,
  createPayoutValidator,
  listValidator,
  paymentLinkValidator,
  publicPaymentRequestValidator,
  saveSettingsValidator,
} from '../app/validators/payments.ts'

const tags = ['Payments']
const orgId = 'The organisation id (uuid).'
const notConfigured =
  'Mobile-money payments not set up or switched off: `E_PAYMENTS_NOT_CONFIGURED`.'
const gatewayFailed = 'The gateway was unreachable or refused the request: `E_GATEWAY_FAILED`.'
const route = (key: Parameters<typeof describeRoute>[0], doc: Omit<RouteDoc, 'tags'>) =>
  describeRoute(key, { tags, ...doc })
const operators = { type: 'array', items: serializeOperator.ref }

route('GET /api/v1/orgs/:orgId/payments/settings', {
  operationId: 'getPaymentsSettings',
  summary: "The organisation's Unipesa account (never its secret key) and the operators",
  permission: 'payments.settings.manage',
  params: { orgId },
  responses: {
    200: {
      description:
        'The settings (null before the first save) and every operator the gateway reaches.',
      schema: {
        type: 'object',
        properties: {
          settings: { anyOf: [{ type: 'null' }, serializeSettings.ref] },
          operators,
        },
        required: ['settings', 'operators'],
      },
    },
  },
})

route('PUT /api/v1/orgs/:orgId/payments/settings', {
  operationId: 'savePaymentsSettings',
  summary: 'Save the Unipesa account',
  description:
    'The secret key is stored encrypted and never sent back; leave it out to keep the stored one (required the first time: `E_SECRET_KEY_REQUIRED`).',
  permission: 'payments.settings.manage',
  params: { orgId },
  request: saveSettingsValidator,
  requestExample: {
    baseUrl: 'http://127.0.0.1:9',
    publicId: 'public-id',
    merchantId: 'merchant-id',
    secretKey: 'a-secret-key-of-at-least-16-characters',
    enabledProviders: [9, 10, 17, 19],
    enabled: true,
  },
  responses: { 200: { description: 'Saved.', schema: wrapped('settings', serializeSettings.ref) } },
})

route('POST /api/v1/orgs/:orgId/payments/settings/check', {
  operationId: 'checkPaymentsSettings',
  summary: 'Ask Unipesa a signed question to check the credentials',
  permission: 'payments.settings.manage',
  params: { orgId },
  responses: {
    200: {
      description:
        'Whether the credentials work, and what the gateway said, in the reader’s language.',
      schema: {
        type: 'object',
        properties: { ok: { type: 'boolean' }, message: { type: 'string' } },
        required: ['ok', 'message'],
      },
    },
    409: notConfigured,
  },
})

route('GET /api/v1/orgs/:orgId/payments/requests', {
  operationId: 'listPaymentRequests',
  summary: 'Mobile-money payments asked of customers, newest first',
  permission: 'payments.request.read',
  params: { orgId },
  query: listValidator,
  responses: { 200: { description: 'The requests.', schema: listOf(serializePaymentRequest.ref) } },
})

route('POST /api/v1/orgs/:orgId/payments/requests', {
  operationId: 'createPaymentRequest',
  summary: "Ask a customer's phone to pay what remains of an invoice",
  permission: 'payments.request.create',
  params: { orgId },
  request: createPaymentRequestValidator,
  responses: {
    201: {
      description: 'Asked; pending until the customer confirms.',
      schema: wrapped('request', serializePaymentRequest.ref),
    },
    409: `${notConfigured} Or the invoice has nothing to pay (\`E_INVOICE_NOT_PAYABLE\`) or a request waits already (\`E_REQUEST_PENDING\`).`,
    502: gatewayFailed,
  },
})

route('GET /api/v1/orgs/:orgId/payments/requests/:requestId', {
  operationId: 'getPaymentRequest',
  summary: 'A payment request (asked of the gateway again when pending)',
  permission: 'payments.request.read',
  params: { orgId, requestId: 'The request id (uuid).' },
  responses: {
    200: { description: 'The request.', schema: wrapped('request', serializePaymentRequest.ref) },
  },
})

route('POST /api/v1/orgs/:orgId/payments/links', {
  operationId: 'createPaymentLink',
  summary: 'The link a customer opens to pay an invoice by mobile money',
  permission: 'payments.request.create',
  params: { orgId },
  request: paymentLinkValidator,
  responses: {
    200: {
      description: 'The token and the page’s address (valid 90 days).',
      schema: {
        type: 'object',
        properties: { token: { type: 'string' }, url: { type: 'string' } },
        required: ['token', 'url'],
      },
    },
  },
})

route('GET /api/v1/orgs/:orgId/payments/payouts', {
  operationId: 'listPayouts',
  summary: "Payouts to suppliers' phones, newest first",
  permission: 'payments.payout.read',
  params: { orgId },
  query: listValidator,
  responses: { 200: { description: 'The payouts.', schema: listOf(serializePayout.ref) } },
})

route('POST /api/v1/orgs/:orgId/payments/payouts', {
  operationId: 'createPayout',
  summary: "Ask for a payout to a supplier's phone (sent once someone else approves it)",
  permission: 'payments.payout.create',
  params: { orgId },
  request: createPayoutValidator,
  responses: {
    201: { description: 'Awaiting approval.', schema: wrapped('payout', serializePayout.ref) },
    409: notConfigured,
  },
})

const payoutId = 'The payout id (uuid).'
route('GET /api/v1/orgs/:orgId/payments/payouts/:payoutId', {
  operationId: 'getPayout',
  summary: 'A payout (asked of the gateway again once sent)',
  permission: 'payments.payout.read',
  params: { orgId, payoutId },
  responses: {
    200: { description: 'The payout.', schema: wrapped('payout', serializePayout.ref) },
  },
})

route('POST /api/v1/orgs/:orgId/payments/payouts/:payoutId/approve', {
  operationId: 'approvePayout',
  summary: 'Approve a payout: a job sends it to the gateway',
  description: 'Only someone else than who asked for it: `E_PAYOUT_SECOND_PERSON` (403).',
  permission: 'payments.payout.approve',
  params: { orgId, payoutId },
  responses: {
    200: { description: 'Approved, being sent.', schema: wrapped('payout', serializePayout.ref) },
    403: 'The caller lacks the permission, or asked for the payout: `E_PAYOUT_SECOND_PERSON`.',
    409: `Already decided: \`E_PAYOUT_DECIDED\`. ${notConfigured}`,
  },
})

route('POST /api/v1/orgs/:orgId/payments/payouts/:payoutId/reject', {
  operationId: 'rejectPayout',
  summary: 'Reject a payout',
  permission: 'payments.payout.approve',
  params: { orgId, payoutId },
  responses: {
    200: { description: 'Rejected.', schema: wrapped('payout', serializePayout.ref) },
    403: 'The caller lacks the permission, or asked for the payout: `E_PAYOUT_SECOND_PERSON`.',
    409: 'Already decided: `E_PAYOUT_DECIDED`.',
  },
})

route('GET /api/v1/orgs/:orgId/payments/gateway-events', {
  operationId: 'listGatewayEvents',
  summary: 'The operator log: callbacks and status answers, and what was done with each',
  permission: 'payments.log.read',
  params: { orgId },
  query: listValidator,
  responses: { 200: { description: 'Newest first.', schema: listOf(serializeGatewayEvent.ref) } },
})

const token = { token: "The token of the customer's payment link." }
route('GET /api/v1/public/payments/:token', {
  operationId: 'getPublicPaymentPage',
  summary: 'The invoice a payment link pays, without an account',
  params: token,
  responses: {
    200: {
      description: 'What remains to pay, the operators offered, the latest request from this link.',
      schema: {
        type: 'object',
        properties: {
          invoice: {
            type: 'object',
            properties: {
              number: { type: 'string' },
              sellerName: { type: 'string' },
              customerName: { type: 'string' },
              currency: { type: 'string' },
              total: { type: 'string' },
              balance: { type: 'string' },
              payable: { type: 'boolean' },
            },
            required: [
              'number',
              'sellerName',
              'customerName',
              'currency',
              'total',
              'balance',
              'payable',
            ],
          },
          operators,
          request: { anyOf: [{ type: 'null' }, serializePublicPaymentRequest.ref] },
        },
        required: ['invoice', 'operators', 'request'],
      },
    },
    404: 'Unknown, altered or expired link: `E_PAYMENT_LINK_INVALID`.',
  },
})

route('POST /api/v1/public/payments/:token/requests', {
  operationId: 'createPublicPaymentRequest',
  summary: 'The customer asks their phone to pay the invoice',
  params: token,
  request: publicPaymentRequestValidator,
  requestExample: { providerId: 9, phone: '0812345678' },
  responses: {
    201: {
      description: 'Asked: confirm on the phone.',
      schema: wrapped('request', serializePublicPaymentRequest.ref),
    },
    404: 'Unknown, altered or expired link: `E_PAYMENT_LINK_INVALID`.',
    409: `${notConfigured} Or nothing to pay, or a request already waits.`,
    502: gatewayFailed,
  },
})

route('GET /api/v1/public/payments/:token/requests/:requestId', {
  operationId: 'getPublicPaymentRequest',
  summary: "A request's state, what the payment page polls",
  params: { ...token, requestId: 'The request id (uuid).' },
  responses: {
    200: {
      description: 'The request.',
      schema: wrapped('request', serializePublicPaymentRequest.ref),
    },
  },
})

route('POST /api/v1/public/payments/callbacks/:organizationId', {
  operationId: 'receiveUnipesaCallback',
  summary: "Unipesa's signed callback",
  description:
    'Signature checked in constant time (HMAC-SHA512), refused when older than five minutes or seen before; then `/status` is asked and only its answer, if it matches the order, amount and currency, records the invoice payment. Every refusal is in the operator log.',
  params: { organizationId: 'The organisation id (uuid).' },
  responses: {
    200: {
      description: 'Received; what was done with it.',
      schema: {
        type: 'object',
        properties: { received: { type: 'boolean' }, outcome: { type: 'string' } },
        required: ['received', 'outcome'],
      },
    },
    401: 'Bad signature: `E_CALLBACK_SIGNATURE`.',
    404: 'Unknown order (`E_CALLBACK_UNKNOWN_ORDER`) or organisation.',
    409: 'Already received: `E_CALLBACK_REPLAYED`.',
    422: 'Older than five minutes: `E_CALLBACK_STALE`.',
  },
})
