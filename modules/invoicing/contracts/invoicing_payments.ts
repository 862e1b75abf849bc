import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { fromMinorUnits, tenantContext } from '@ia/kernel/contracts'
import Document, { OPEN_STATUSES } from '../app/models/document.ts'
import { RecordPayment } from '../app/actions/record_payment.ts'
import { balanceMinor } from '../app/services/settlement.ts'

/** What a payment service needs of an invoice it collects: who owes what, in which currency. */
export type PayableInvoice = {
  id: string
  number: string
  customerName: string
  sellerName: string
  currency: string
  /** Decimal strings of `currency`. */
  total: string
  balance: string
  balanceMinor: string
  status: string
  /** Whether money can still be received against it (issued and not settled). */
  open: boolean
}

/** Money a payment service received for one invoice, as the service reported it. */
export type ReceivedPayment = {
  documentId: string
  method: 'mobile_money' | 'card' | 'transfer'
  /** The operator's or the service's reference of the transaction. */
  reference: string
  currency: string
  /** Decimal string of `currency`. */
  amount: string
  /** YYYY-MM-DD; today by default. */
  receivedOn?: string
}

/**
 * How another module (payments) collects invoices: reads what an invoice still owes and records the money
 * a payment service confirmed, through invoicing's own rules (events, timeline, audit log).
 */
export const invoicingPayments = {
  /** An issued invoice of the organisation, or null (a draft, a quote or a credit note is not payable). */
  async payableInvoice(
    organizationId: string,
    documentId: string,
    client?: QueryClientContract
  ): Promise<PayableInvoice | null> {
    const invoice = await tenantContext.run(organizationId, () =>
      Document.query({ client }).where('id', documentId).where('kind', 'invoice').first()
    )
    if (!invoice?.number || invoice.status === 'draft' || invoice.status === 'cancelled')
      return null
    const balance = balanceMinor(invoice)
    return {
      id: invoice.id,
      number: invoice.number,
      customerName: invoice.customerName,
      sellerName: invoice.sellerSnapshot?.legalName ?? invoice.sellerSnapshot?.name ?? '',
      currency: invoice.currency,
      total: fromMinorUnits(invoice.totalMinor, invoice.currency),
      balance: fromMinorUnits(balance, invoice.currency),
      balanceMinor: balance.toString(),
      status: invoice.status,
      open: OPEN_STATUSES.includes(invoice.status) && balance > 0n,
    }
  },

  /**
   * Records a payment of one invoice in the caller's transaction, as if nobody in the organisation had
   * typed it (no user): the invoicing rules refuse more than the invoice still owes.
   */
  async recordReceivedPayment(
    trx: TransactionClientContract,
    organizationId: string,
    payment: ReceivedPayment
  ) {
    const recorded = await tenantContext.run(organizationId, () =>
      new RecordPayment().handle(
        trx,
        {
          method: payment.method,
          reference: payment.reference,
          receivedOn: payment.receivedOn,
          currency: payment.currency,
          allocations: [{ documentId: payment.documentId, amount: payment.amount }],
        },
        { userId: null, ip: null }
      )
    )
    return { paymentId: recorded.id }
  },
}
