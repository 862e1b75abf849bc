import { fromMinorUnits } from '@ia/kernel/contracts'
import { decimalText } from './decimal_text.ts'
import type Document from '../models/document.ts'
import type Payment from '../models/payment.ts'
import type PaymentAllocation from '../models/payment_allocation.ts'
import type { IssuedDocumentFacts, PaymentFacts } from '../../contracts/events.ts'

/** What a ledger needs of an issued document, amounts as decimal strings of their currency. */
export function documentFacts(document: Document): IssuedDocumentFacts {
  return {
    documentId: document.id,
    number: document.number!,
    invoiceType: document.invoiceType,
    clientCategory: document.clientCategory,
    customerId: document.customerId,
    customerName: document.customerName,
    customerNif: document.customerSnapshot?.nif ?? null,
    issueDate: document.issueDate.toISODate()!,
    dueDate: document.dueDate?.toISODate() ?? null,
    currency: document.currency,
    net: fromMinorUnits(document.subtotalMinor, document.currency),
    tax: fromMinorUnits(document.taxMinor, document.currency),
    total: fromMinorUnits(document.totalMinor, document.currency),
    taxGroups: document.taxTotals,
    reportingCurrency: document.reportingCurrency,
    exchangeRate: decimalText(document.exchangeRate!),
    exchangeRateDate: document.exchangeRateDate!.toISODate()!,
    reportingTotal: fromMinorUnits(document.reportingTotalMinor!, document.reportingCurrency),
    bookCurrency: document.bookCurrency!,
    bookRate: decimalText(document.bookRate!),
  }
}

/** What a ledger needs of a payment and each invoice it settled. */
export function paymentFacts(
  payment: Payment,
  allocations: PaymentAllocation[],
  invoices: Map<string, Document>
): PaymentFacts {
  return {
    paymentId: payment.id,
    method: payment.method,
    reference: payment.reference,
    receivedOn: payment.receivedOn.toISODate()!,
    customerId: payment.customerId,
    currency: payment.currency,
    amount: fromMinorUnits(payment.amountMinor, payment.currency),
    bookCurrency: payment.bookCurrency,
    exchangeDifference: fromMinorUnits(payment.exchangeDifferenceMinor, payment.bookCurrency),
    allocations: allocations.map((allocation) => {
      const invoice = invoices.get(allocation.documentId)!
      return {
        documentId: invoice.id,
        number: invoice.number!,
        currency: invoice.currency,
        applied: fromMinorUnits(allocation.appliedMinor, invoice.currency),
        amount: fromMinorUnits(allocation.amountMinor, payment.currency),
        exchangeRate: decimalText(allocation.exchangeRate),
        exchangeDifference: fromMinorUnits(
          allocation.exchangeDifferenceMinor,
          payment.bookCurrency
        ),
      }
    }),
  }
}
