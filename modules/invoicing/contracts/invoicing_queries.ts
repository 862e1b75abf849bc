import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { fromMinorUnits, tenantContext } from '@ia/kernel/contracts'
import Document, { OPEN_STATUSES } from '../app/models/document.ts'
import { balanceMinor, today } from '../app/services/settlement.ts'

/** What another module (the assistant's tools) reads of an invoice. */
export type InvoiceSummary = {
  id: string
  number: string
  customerId: string
  customerName: string
  issueDate: string
  dueDate: string | null
  currency: string
  total: string
  balance: string
  status: string
}

function summaryOf(invoice: Document): InvoiceSummary {
  return {
    id: invoice.id,
    number: invoice.number!,
    customerId: invoice.customerId,
    customerName: invoice.customerName,
    issueDate: invoice.issueDate.toISODate()!,
    dueDate: invoice.dueDate?.toISODate() ?? null,
    currency: invoice.currency,
    total: fromMinorUnits(invoice.totalMinor, invoice.currency),
    balance: fromMinorUnits(balanceMinor(invoice), invoice.currency),
    status: invoice.status,
  }
}

/**
 * Read-only questions about an organisation's invoices, for other modules (the assistant turns them
 * into tools). The organisation is always explicit; nothing here writes.
 */
export const invoicingQueries = {
  /** Open invoices past their due date on `asOf` (today by default), oldest due first, `limit` at most. */
  async overdueInvoices(
    organizationId: string,
    options: { asOf?: string; limit?: number; client?: QueryClientContract } = {}
  ) {
    const invoices = await tenantContext.run(organizationId, () =>
      Document.query({ client: options.client })
        .where('kind', 'invoice')
        .whereIn('status', [...OPEN_STATUSES])
        .where('due_date', '<', options.asOf ?? today())
        .orderBy('due_date')
        .orderBy('id')
        .limit(Math.min(options.limit ?? 50, 500))
        .exec()
    )
    return invoices.map(summaryOf)
  },

  /** What a customer owes, per currency (decimal strings), over their open invoices. */
  async customerBalance(organizationId: string, customerId: string, client?: QueryClientContract) {
    const rows = await tenantContext.run(organizationId, () =>
      Document.query({ client })
        .where('kind', 'invoice')
        .where('customer_id', customerId)
        .whereIn('status', [...OPEN_STATUSES])
        .groupBy('currency')
        .select('currency')
        .select(
          Document.query().client.raw(
            'sum(total_minor - paid_minor - credited_minor)::text AS balance'
          )
        )
        .select(Document.query().client.raw('count(*)::int AS open_invoices'))
        .exec()
    )
    return rows.map((row) => ({
      currency: row.currency,
      balance: fromMinorUnits(String(row.$extras.balance), row.currency),
      openInvoices: Number(row.$extras.open_invoices),
    }))
  },

  /** The issued invoice numbered `number`, or null. */
  async invoiceByNumber(organizationId: string, number: string, client?: QueryClientContract) {
    const invoice = await tenantContext.run(organizationId, () =>
      Document.query({ client }).where('kind', 'invoice').where('number', number).first()
    )
    return invoice ? summaryOf(invoice) : null
  },
}
