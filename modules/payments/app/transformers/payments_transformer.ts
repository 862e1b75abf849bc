import {
  defineSerializer,
  formatPhoneNumber,
  fromMinorUnits,
  isoTimestamp,
  isoTimestampOrNull,
  Type,
  wire,
} from '@ia/kernel/contracts'
import type GatewaySettings from '../models/gateway_settings.ts'
import {
  PAYMENT_REQUEST_STATUSES,
  type default as PaymentRequest,
} from '../models/payment_request.ts'
import { PAYOUT_STATUSES, type default as Payout } from '../models/payout.ts'
import type GatewayEvent from '../models/gateway_event.ts'
import type { MobileMoneyOperator } from '../gateways/mobile_money_gateway.ts'

/** An operator customers can pay with. */
export const serializeOperator = defineSerializer(
  'PaymentsOperator',
  Type.Object({ providerId: Type.Integer(), name: Type.String(), simulator: Type.Boolean() }),
  (operator: MobileMoneyOperator) => ({ ...operator })
)

/** The gateway account, without its secret key. */
export const serializeSettings = defineSerializer(
  'PaymentsSettings',
  Type.Object(
    {
      gateway: Type.Literal('unipesa'),
      baseUrl: Type.String(),
      publicId: Type.String(),
      merchantId: Type.String(),
      secretKeySet: Type.Boolean({
        description: 'The key is stored (encrypted); it is never sent back.',
      }),
      enabledProviders: Type.Array(Type.Integer()),
      enabled: Type.Boolean(),
      callbackUrl: Type.String({
        description: 'Where the gateway posts its callbacks for this organisation.',
      }),
      updatedAt: wire.dateTime(),
    },
    { description: "The organisation's mobile-money gateway account." }
  ),
  ({ settings, callbackUrl }: { settings: GatewaySettings; callbackUrl: string }) => ({
    gateway: settings.gateway,
    baseUrl: settings.baseUrl,
    publicId: settings.publicId,
    merchantId: settings.merchantId,
    secretKeySet: Boolean(settings.secretKeyEncrypted),
    enabledProviders: settings.enabledProviders,
    enabled: settings.enabled,
    callbackUrl,
    updatedAt: isoTimestamp(settings.updatedAt),
  })
)

/** A customer's phone asked to pay an invoice. */
export const serializePaymentRequest = defineSerializer(
  'PaymentsRequest',
  Type.Object(
    {
      id: wire.uuid(),
      documentId: wire.uuid(),
      documentNumber: Type.String(),
      orderId: Type.String(),
      providerId: Type.Integer(),
      phone: Type.String({ description: 'Grouped for reading.' }),
      amount: Type.String({ description: 'Decimal string of `currency`.' }),
      currency: Type.String(),
      status: wire.oneOf(PAYMENT_REQUEST_STATUSES),
      operatorReference: wire.text(),
      invoicingPaymentId: wire.nullable(wire.uuid()),
      failure: wire.text(),
      settledAt: wire.dateTimeOrNull(),
      createdAt: wire.dateTime(),
    },
    { description: 'A mobile-money payment asked of a customer for an invoice.' }
  ),
  (request: PaymentRequest) => ({
    id: request.id,
    documentId: request.documentId,
    documentNumber: request.documentNumber,
    orderId: request.orderId,
    providerId: request.providerId,
    phone: formatPhoneNumber(request.phone),
    amount: fromMinorUnits(request.amountMinor, request.currency),
    currency: request.currency,
    status: request.status,
    operatorReference: request.operatorReference,
    invoicingPaymentId: request.invoicingPaymentId,
    failure: request.failure,
    settledAt: isoTimestampOrNull(request.settledAt),
    createdAt: isoTimestamp(request.createdAt),
  })
)

/** What the customer's page shows of a request: its state, never the organisation's internals. */
export const serializePublicPaymentRequest = defineSerializer(
  'PaymentsPublicRequest',
  Type.Object({
    id: wire.uuid(),
    providerId: Type.Integer(),
    amount: Type.String(),
    currency: Type.String(),
    status: wire.oneOf(PAYMENT_REQUEST_STATUSES),
    operatorReference: wire.text(),
  }),
  (request: PaymentRequest) => ({
    id: request.id,
    providerId: request.providerId,
    amount: fromMinorUnits(request.amountMinor, request.currency),
    currency: request.currency,
    status: request.status,
    operatorReference: request.operatorReference,
  })
)

/** Money sent to a supplier's phone. */
export const serializePayout = defineSerializer(
  'PaymentsPayout',
  Type.Object(
    {
      id: wire.uuid(),
      orderId: Type.String(),
      beneficiaryName: Type.String(),
      providerId: Type.Integer(),
      phone: Type.String(),
      amount: Type.String(),
      currency: Type.String(),
      reason: Type.String(),
      status: wire.oneOf(PAYOUT_STATUSES),
      requestedBy: wire.uuid(),
      decidedBy: wire.nullable(wire.uuid()),
      decidedAt: wire.dateTimeOrNull(),
      operatorReference: wire.text(),
      failure: wire.text(),
      createdAt: wire.dateTime(),
    },
    { description: "A payout to a supplier's phone, approved by a second person." }
  ),
  (payout: Payout) => ({
    id: payout.id,
    orderId: payout.orderId,
    beneficiaryName: payout.beneficiaryName,
    providerId: payout.providerId,
    phone: formatPhoneNumber(payout.phone),
    amount: fromMinorUnits(payout.amountMinor, payout.currency),
    currency: payout.currency,
    reason: payout.reason,
    status: payout.status,
    requestedBy: payout.requestedBy,
    decidedBy: payout.decidedBy,
    decidedAt: isoTimestampOrNull(payout.decidedAt),
    operatorReference: payout.operatorReference,
    failure: payout.failure,
    createdAt: isoTimestamp(payout.createdAt),
  })
)

/** A line of the operator log. */
export const serializeGatewayEvent = defineSerializer(
  'PaymentsGatewayEvent',
  Type.Object({
    id: Type.String(),
    kind: wire.oneOf(['callback', 'status'] as const),
    outcome: Type.String(),
    orderId: wire.text(),
    detail: Type.Record(Type.String(), Type.Unknown()),
    createdAt: wire.dateTime(),
  }),
  (event: GatewayEvent) => ({
    id: String(event.id),
    kind: event.kind,
    outcome: event.outcome,
    orderId: event.orderId,
    detail: event.detail,
    createdAt: isoTimestamp(event.createdAt),
  })
)
