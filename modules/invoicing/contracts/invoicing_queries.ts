import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { fromMinorUnits, tenantContext } from '@ia/kernel/contracts'
import Document, { OPEN_STATUSES } from '../app/models/document.ts'
import DocumentLine from '../app/models/document_line.ts'
import Product from '../app/models/product.ts'
import { balanceMinor, today } from '../app/services/settlement.ts'
import { decimalText } from '../app/services/decimal_text.ts'

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

/** A line of an issued document, as a fiscal device reads it (amounts: decimal strings of the document's currency). */
export type FiscalDocumentLine = {
  productCode: string | null
  /** Goods or a service: a line without a product is a service. */
  productKind: 'product' | 'service'
  description: string
  quantity: string
  unit: string | null
  /** Tax excluded, before the discount. */
  unitPrice: string
  /** The line after its discount, tax excluded. */
  net: string
  taxGroup: string
  taxRate: string
}

/** An issued invoice or credit note with its lines, frozen at issue: what normalising it needs. */
export type FiscalDocument = {
  id: string
  kind: 'invoice' | 'credit_note'
  number: string
  invoiceType: Document['invoiceType']
  clientCategory: Document['clientCategory']
  customer: {
    name: string
    nif: string | null
    address: string | null
    phone: string | null
    email: string | null
  }
  currency: string
  /** YYYY-MM-DD */
  issueDate: string
  net: string
  tax: string
  total: string
  reportingCurrency: string
  /** 1 `currency` = `exchangeRate` `reportingCurrency`, as issued. */
  exchangeRate: string
  exchangeRateDate: string
  exchangeRateSource: string | null
  bookCurrency: string
  bookRate: string
  creditedDocumentId: string | null
  issuedBy: string | null
  lines: FiscalDocumentLine[]
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

  /** An issued invoice or credit note with its lines, or null (a draft, a quote, another organisation's). */
  async documentForFiscal(
    organizationId: string,
    documentId: string,
    client?: QueryClientContract
  ): Promise<FiscalDocument | null> {
    return tenantContext.run(organizationId, async () => {
      const document = await Document.query({ client })
        .where('id', documentId)
        .whereIn('kind', ['invoice', 'credit_note'])
        .whereNot('status', 'draft')
        .first()
      if (!document) return null
      const lines = await DocumentLine.query({ client })
        .where('document_id', document.id)
        .orderBy('position')
      const productIds = lines.flatMap((line) => (line.productId ? [line.productId] : []))
      const products = new Map(
        (productIds.length ? await Product.query({ client }).whereIn('id', productIds) : []).map(
          (product) => [product.id, product]
        )
      )
      const money = (minor: string) => fromMinorUnits(minor, document.currency)
      const snapshot = document.customerSnapshot
      const address = [snapshot?.address, snapshot?.city].filter(Boolean).join(', ')
      return {
        id: document.id,
        kind: document.kind as FiscalDocument['kind'],
        number: document.number!,
        invoiceType: document.invoiceType,
        clientCategory: document.clientCategory,
        customer: {
          name: document.customerName,
          nif: snapshot?.nif ?? null,
          address: address || null,
          phone: snapshot?.phone ?? null,
          email: snapshot?.email ?? null,
        },
        currency: document.currency,
        issueDate: document.issueDate.toISODate()!,
        net: money(document.subtotalMinor),
        tax: money(document.taxMinor),
        total: money(document.totalMinor),
        reportingCurrency: document.reportingCurrency,
        exchangeRate: decimalText(document.exchangeRate!),
        exchangeRateDate: document.exchangeRateDate!.toISODate()!,
        exchangeRateSource: document.exchangeRateSource,
        bookCurrency: document.bookCurrency!,
        bookRate: decimalText(document.bookRate!),
        creditedDocumentId: document.creditedDocumentId,
        issuedBy: document.issuedBy,
        lines: lines.map((line) => {
          const product = line.productId ? products.get(line.productId) : undefined
          return {
            productCode: product?.code ?? null,
            productKind: product?.kind ?? 'service',
            description: line.description,
            quantity: decimalText(line.quantity),
            unit: line.unit,
            unitPrice: decimalText(line.unitPrice),
            net: money(line.netMinor),
            taxGroup: line.taxGroup,
            taxRate: decimalText(line.taxRate),
          }
        }),
      }
    })
  },

  /** Whether the organisation has a document (any kind, any state) with this id. */
  async hasDocument(organizationId: string, documentId: string, client?: QueryClientContract) {
    const found = await tenantContext.run(organizationId, () =>
      Document.query({ client }).where('id', documentId).select('id').first()
    )
    return Boolean(found)
  },

  /** The issued invoice numbered `number`, or null. */
  async invoiceByNumber(organizationId: string, number: string, client?: QueryClientContract) {
    const invoice = await tenantContext.run(organizationId, () =>
      Document.query({ client }).where('kind', 'invoice').where('number', number).first()
    )
    return invoice ? summaryOf(invoice) : null
  },
}
