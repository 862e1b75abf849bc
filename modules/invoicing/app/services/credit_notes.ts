import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Document from '../models/document.ts'
import { invoicingErrors } from '../errors.ts'

/**
 * The issued invoice a credit note credits, locked until the transaction ends (so two credit notes
 * cannot both take the same balance): anything else, another organisation's included, is a 422.
 */
export async function loadCreditableInvoice(
  trx: TransactionClientContract,
  documentId: string | null
) {
  if (!documentId) throw invoicingErrors.creditSourceInvalid()
  const invoice = await Document.query({ client: trx })
    .where('id', documentId)
    .where('kind', 'invoice')
    .forUpdate()
    .first()
  if (!invoice || invoice.status === 'draft' || invoice.status === 'cancelled')
    throw invoicingErrors.creditSourceInvalid()
  return invoice
}
