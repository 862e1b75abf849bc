import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { contactsDirectory } from '@ia/contacts/contracts'
import Document from '../models/document.ts'
import Product from '../models/product.ts'
import { SaveDraft } from '../actions/save_draft.ts'
import { IssueDocument } from '../actions/issue_document.ts'
import { SendDocument } from '../actions/send_document.ts'
import { RecordPayment } from '../actions/record_payment.ts'
import type { LineInput } from './document_lines.ts'

const DEMO_PRODUCTS = [
  {
    kind: 'service',
    code: 'INST-RES',
    nameFr: 'Installation du réseau informatique',
    nameEn: 'Computer network installation',
    unit: 'forfait',
    priceMinor: '125000',
    currency: 'USD',
    taxGroup: 'B',
  },
  {
    kind: 'product',
    code: 'PC-BUR',
    nameFr: 'Poste de travail complet',
    nameEn: 'Complete workstation',
    unit: 'pièce',
    priceMinor: '68550',
    currency: 'USD',
    taxGroup: 'B',
  },
  {
    kind: 'service',
    code: 'FORM-J',
    nameFr: 'Formation des utilisateurs (jour)',
    nameEn: 'User training (day)',
    unit: 'jour',
    priceMinor: '30000',
    currency: 'USD',
    taxGroup: 'C',
  },
  {
    kind: 'product',
    code: 'CIM-50',
    nameFr: 'Sac de ciment 50 kg',
    nameEn: 'Cement bag 50 kg',
    unit: 'sac',
    priceMinor: '1850000',
    currency: 'CDF',
    taxGroup: 'B',
  },
] as const

const daysAgo = (days: number) => DateTime.now().minus({ days }).toISODate()!

/**
 * A lived-in invoicing for a demo organisation, in the caller's transaction, after the contacts' and
 * currencies' sample data: a catalogue, invoices issued over the last weeks (one overdue, one paid by
 * mobile money, one partly paid in cash, one sent), a draft, and a quote waiting for its customer.
 * Everything is marked `sample`, so removing the sample data removes it (and only it).
 */
export async function seedDemoInvoicing(organizationId: string, trx: TransactionClientContract) {
  const customers = await contactsDirectory.sampleCustomers(organizationId, trx)
  if (!customers.length) return
  const products = await Product.createMany(
    DEMO_PRODUCTS.map((product) => ({ ...product, sample: true })),
    { client: trx }
  )
  const line = (code: string, quantity: string): LineInput => ({
    productId: products.find((product) => product.code === code)!.id,
    quantity,
  })
  const actor = { userId: null, ip: null }
  const [first, second = customers[0]] = customers

  const make = async (
    kind: 'invoice' | 'quote',
    fields: { customerId: string; currency: string; paymentTermsDays?: number; notes?: string },
    lines: LineInput[],
    issuedDaysAgo: number | null
  ) => {
    const issueDate = daysAgo(issuedDaysAgo ?? 0)
    const draft = await new SaveDraft().createIn(
      trx,
      kind,
      {
        ...fields,
        issueDate,
        ...(kind === 'quote'
          ? { validUntil: DateTime.fromISO(issueDate).plus({ days: 30 }).toISODate()! }
          : {}),
        lines,
      },
      actor
    )
    await Document.query({ client: trx }).where('id', draft.id).update({ sample: true })
    if (issuedDaysAgo === null) return draft
    return new IssueDocument().handle(trx, draft.id, actor, issueDate)
  }
  const pay = (
    documentId: string,
    method: 'mobile_money' | 'cash',
    currency: string,
    amount: string,
    days: number
  ) =>
    new RecordPayment().handle(
      trx,
      {
        method,
        reference: method === 'mobile_money' ? 'MP-2026-48213' : null,
        receivedOn: daysAgo(days),
        currency,
        allocations: [{ documentId, amount }],
        sample: true,
      },
      actor
    )

  await make(
    'invoice',
    {
      customerId: first.id,
      currency: 'USD',
      paymentTermsDays: 30,
      notes: 'Installation au siège, Gombe.',
    },
    [line('INST-RES', '1'), line('PC-BUR', '4')],
    40
  )
  const paid = await make(
    'invoice',
    { customerId: second.id, currency: 'USD', paymentTermsDays: 15 },
    [line('FORM-J', '2')],
    25
  )
  await pay(paid.id, 'mobile_money', 'USD', '630.00', 12)
  const partly = await make(
    'invoice',
    { customerId: first.id, currency: 'CDF', paymentTermsDays: 30 },
    [line('CIM-50', '40')],
    10
  )
  await pay(partly.id, 'cash', 'CDF', '400000.00', 4)
  const sent = await make(
    'invoice',
    { customerId: second.id, currency: 'USD', paymentTermsDays: 30 },
    [line('PC-BUR', '2'), line('FORM-J', '1')],
    3
  )
  await new SendDocument().handle(trx, sent.id, actor)
  const quote = await make(
    'quote',
    { customerId: second.id, currency: 'USD', notes: 'Extension du réseau au deuxième étage.' },
    [line('INST-RES', '1'), line('PC-BUR', '6'), line('FORM-J', '2')],
    2
  )
  await new SendDocument().handle(trx, quote.id, actor)
  await make(
    'invoice',
    { customerId: first.id, currency: 'USD', paymentTermsDays: 30 },
    [line('FORM-J', '3')],
    null
  )
}

/**
 * Removes what `seedDemoInvoicing` made, in the caller's transaction: the sample payments, documents
 * and products (the database lets only sample ones go). A series' counter is reset when only sample
 * documents had used it, so the organisation's first real invoice is still number 1.
 */
export async function removeDemoInvoicing(organizationId: string, trx: TransactionClientContract) {
  const samplePayments = trx
    .from('invoicing.payments')
    .where('organization_id', organizationId)
    .where('sample', true)
    .select('id')
  await trx.from('invoicing.payment_allocations').whereIn('payment_id', samplePayments).delete()
  await trx
    .from('invoicing.payments')
    .where('organization_id', organizationId)
    .where('sample', true)
    .delete()
  const sampleDocuments = trx
    .from('invoicing.documents')
    .where('organization_id', organizationId)
    .where('sample', true)
    .select('id')
  await trx.from('invoicing.document_lines').whereIn('document_id', sampleDocuments).delete()
  await trx
    .from('invoicing.documents')
    .where('organization_id', organizationId)
    .where('sample', true)
    .delete()
  await trx
    .from('invoicing.products')
    .where('organization_id', organizationId)
    .where('sample', true)
    .delete()
  await trx.rawQuery(
    `DELETE FROM invoicing.number_counters c WHERE c.organization_id = ? AND NOT EXISTS (
       SELECT 1 FROM invoicing.documents d WHERE d.organization_id = c.organization_id AND d.kind = c.kind
         AND d.number IS NOT NULL AND extract(year FROM d.issue_date) = c.year)`,
    [organizationId]
  )
}
