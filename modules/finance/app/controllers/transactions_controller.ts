import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { authorize, files, isUuid, notFound } from '@ia/kernel/contracts'
import { recordTransaction } from '../actions/record_transaction.ts'
import { findTransaction, listTransactions } from '../queries/list_transactions.ts'
import {
  attachmentValidator,
  listTransactionsValidator,
  recordTransactionValidator,
} from '../validators/treasury.ts'
import { serializeTransaction } from '../transformers/treasury_transformer.ts'
import { isoDay, requestParties } from './treasury_http.ts'

/** What a receipt may be: a phone's photo or a PDF. */
const RECEIPT_RULES = {
  field: 'file',
  maxBytes: 10 * 1024 * 1024,
  types: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'],
}

async function transactionView(organizationId: string, id: string) {
  const row = isUuid(id) ? await findTransaction(db.connection(), organizationId, id) : null
  if (!row) throw notFound()
  return serializeTransaction(row)
}

/** Income, expenses and transfers recorded in plain words, each posting its entry; their receipts. */
export default class TransactionsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'finance.transaction.read')
    const filters = await ctx.request.validateUsing(listTransactionsValidator, {
      data: ctx.request.qs(),
    })
    const { rows, hasMore, page } = await listTransactions(db.connection(), ctx.organization.id, {
      ...filters,
      from: isoDay(filters.from),
      to: isoDay(filters.to),
    })
    return { data: rows.map((row) => serializeTransaction(row)), meta: { page, hasMore } }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'finance.transaction.read')
    return { transaction: await transactionView(ctx.organization.id, ctx.params.transactionId) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'finance.transaction.create')
    const input = await ctx.request.validateUsing(recordTransactionValidator)
    const { organizationId, userId } = requestParties(ctx)
    const { id } = await db.transaction((trx) =>
      recordTransaction(trx, organizationId, { ...input, date: isoDay(input.date) }, userId)
    )
    return ctx.response.created({ transaction: await transactionView(organizationId, id) })
  }

  /** Adds a receipt (photo or PDF) to a transaction, kept in the platform's file storage. */
  async attach(ctx: HttpContext) {
    await authorize(ctx, 'finance.transaction.create')
    const { organizationId } = requestParties(ctx)
    const { file, transactionId } = await ctx.request.validateUsing(attachmentValidator)
    await transactionView(organizationId, transactionId)
    const upload = await files.checkUpload(file, RECEIPT_RULES)
    const id = randomUUID()
    const path = `finance/receipts/${id}.${upload.extension}`
    await files.put(organizationId, path, upload.open(), {
      contentType: upload.contentType,
      contentLength: upload.size,
    })
    try {
      await db
        .insertQuery()
        .table('finance.transaction_attachments')
        .insert({
          id,
          organization_id: organizationId,
          transaction_id: transactionId,
          file_path: path,
          file_name: (file.clientName || `receipt.${upload.extension}`).slice(0, 255),
          content_type: upload.contentType,
          size: upload.size,
        })
    } catch (error) {
      await files.delete(organizationId, path)
      throw error
    }
    return ctx.response.created({
      transaction: await transactionView(organizationId, transactionId),
    })
  }

  /** A short-lived link to a receipt. */
  async attachment(ctx: HttpContext) {
    await authorize(ctx, 'finance.transaction.read')
    const { organizationId } = requestParties(ctx)
    const row = isUuid(ctx.params.attachmentId)
      ? await db
          .from('finance.transaction_attachments')
          .where({
            organization_id: organizationId,
            id: ctx.params.attachmentId,
            transaction_id: ctx.params.transactionId,
          })
          .first()
      : null
    if (!row) throw notFound()
    return { url: await files.signedUrl(organizationId, row.file_path, { expiresIn: 300 }) }
  }
}
