import {
  defineSerializer,
  fromMinorUnits,
  isoTimestamp,
  isoTimestampOrNull,
  Type,
  wire,
} from '@ia/kernel/contracts'
import { PAYMENT_METHODS, type default as Payment } from '../models/payment.ts'
import type PaymentAllocation from '../models/payment_allocation.ts'
import { decimalText } from '../services/decimal_text.ts'

/** A payment and how it was split over invoices. */
export const serializePayment = defineSerializer(
  'InvoicingPayment',
  Type.Object(
    {
      id: wire.uuid(),
      method: wire.oneOf(PAYMENT_METHODS),
      reference: wire.text(),
      receivedOn: Type.String({ format: 'date' }),
      currency: Type.String(),
      amount: Type.String({ description: "Decimal string of the payment's currency." }),
      customerId: wire.uuid(),
      bookCurrency: Type.String(),
      exchangeDifference: Type.String({
        description:
          "Gain (positive) or loss in the book currency against the invoices' issue rates.",
      }),
      reversedAt: wire.dateTimeOrNull(),
      reversalReason: wire.text(),
      createdAt: wire.dateTime(),
      allocations: Type.Array(
        Type.Object({
          documentId: wire.uuid(),
          amount: Type.String({ description: "In the payment's currency." }),
          applied: Type.String({ description: "In the invoice's currency." }),
          exchangeRate: wire.text(
            "1 unit of the payment's currency = this many of the invoice's, on the payment date."
          ),
          exchangeDifference: Type.String(),
        })
      ),
    },
    { description: 'Money received, split over invoices; reversed, never deleted.' }
  ),
  ({
    payment,
    allocations,
    currencyOf,
  }: {
    payment: Payment
    allocations: PaymentAllocation[]
    currencyOf: (documentId: string) => string
  }) => ({
    id: payment.id,
    method: payment.method,
    reference: payment.reference,
    receivedOn: payment.receivedOn.toISODate()!,
    currency: payment.currency,
    amount: fromMinorUnits(payment.amountMinor, payment.currency),
    customerId: payment.customerId,
    bookCurrency: payment.bookCurrency,
    exchangeDifference: fromMinorUnits(payment.exchangeDifferenceMinor, payment.bookCurrency),
    reversedAt: isoTimestampOrNull(payment.reversedAt),
    reversalReason: payment.reversalReason,
    createdAt: isoTimestamp(payment.createdAt),
    allocations: allocations.map((allocation) => ({
      documentId: allocation.documentId,
      amount: fromMinorUnits(allocation.amountMinor, payment.currency),
      applied: fromMinorUnits(allocation.appliedMinor, currencyOf(allocation.documentId)),
      exchangeRate: decimalText(allocation.exchangeRate),
      exchangeDifference: fromMinorUnits(allocation.exchangeDifferenceMinor, payment.bookCurrency),
    })),
  })
)
