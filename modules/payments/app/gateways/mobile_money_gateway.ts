/** A mobile-money operator a gateway reaches, by the gateway's own id. */
export type MobileMoneyOperator = {
  providerId: number
  /** The operator's name as customers know it. */
  name: string
  /** Only for tests: no real money moves. */
  simulator: boolean
}

/** Where a payment stands at the gateway. */
export type GatewayPaymentState = 'pending' | 'succeeded' | 'failed'

/** A request for money to move between a phone and the merchant's account. */
export type MobileMoneyOrder = {
  /** Our identifier of the payment, unique for the merchant: what callbacks and status answers name. */
  orderId: string
  providerId: number
  /** E.164, as the platform stores phone numbers; the adapter writes it the way each operator wants it. */
  phone: string
  /** Decimal string in `currency`. */
  amount: string
  currency: string
  /** Where the gateway tells us the outcome. */
  callbackUrl: string
}

/** What the gateway says of a payment. */
export type GatewayPaymentStatus = {
  orderId: string
  state: GatewayPaymentState
  /** Decimal string, or null when the gateway did not say. */
  amount: string | null
  currency: string | null
  transactionId: string | null
  /** The operator's reference of the transaction (what the customer's SMS names). */
  operatorReference: string | null
  /** The gateway's or the operator's message. */
  message: string | null
}

/** A callback as it arrived: its parsed JSON body. */
export type GatewayCallback = Record<string, unknown>

/** What a callback says, once its signature was checked. */
export type VerifiedCallback = {
  orderId: string
  state: GatewayPaymentState
  amount: string | null
  currency: string | null
  /** When the gateway says it sent it; null when it did not say. */
  sentAt: Date | null
  /** Identifies this very callback: the same fingerprint twice is a replay. */
  fingerprint: string
}

/** A gateway's refusal or an unreachable gateway, with what it answered. */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'refused' | 'invalid_answer',
    readonly detail: Record<string, unknown> = {}
  ) {
    super(message)
    this.name = 'GatewayError'
  }
}

/**
 * A mobile-money aggregator (Unipesa today; FlexPay, MaxiCash or CinetPay would be other adapters): asks a
 * customer's phone to pay (C2B), pays out to a phone (B2C), tells a payment's state, and checks that a
 * callback is really its own. It never decides that an invoice is paid: its callers compare the status
 * answer with what they asked.
 */
export interface MobileMoneyGateway {
  /** The operators this gateway can reach in DR Congo. */
  readonly operators: readonly MobileMoneyOperator[]
  /** Checks the credentials (a status question the gateway must answer signed); throws a GatewayError otherwise. */
  checkCredentials(): Promise<void>
  /** Asks the customer's phone to confirm a payment to the merchant. */
  requestPayment(order: MobileMoneyOrder): Promise<GatewayPaymentStatus>
  /** Sends money from the merchant's account to a phone. */
  sendPayout(order: MobileMoneyOrder): Promise<GatewayPaymentStatus>
  /** What the gateway says now of the payment `orderId`. */
  status(orderId: string): Promise<GatewayPaymentStatus>
  /** Reads a callback whose signature is right; null when the signature is missing or wrong. */
  verifyCallback(callback: GatewayCallback): VerifiedCallback | null
}
