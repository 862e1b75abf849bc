import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import {
  auditLog,
  authorize,
  notFound,
  tenantContext,
  toMinorUnits,
  fitsCurrency,
} from '@ia/kernel/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import Product from '../models/product.ts'
import {
  createProductValidator,
  listProductsValidator,
  updateProductValidator,
} from '../validators/catalogue.ts'
import { serializeProduct } from '../transformers/catalogue_transformer.ts'
import { invoicingErrors } from '../errors.ts'
import { actorOf } from './http.ts'

/** Whether a database error is the one-code-per-organisation index of the catalogue. */
function isCodeTaken(error: unknown) {
  const { code, constraint } = error as { code?: string; constraint?: string }
  return code === '23505' && constraint === 'products_code_unique'
}

/** The price in minor units, after checking the organisation uses the currency and the digits fit it. */
async function priceOf(client: TransactionClientContract, price: string, currency: string) {
  await currenciesService.assertCurrencyUsed(tenantContext.require(), currency, {
    client,
    field: 'currency',
  })
  if (!fitsCurrency(price, currency)) throw invoicingErrors.amountDigits('price', currency)
  return toMinorUnits(price, currency).toString()
}

/** The catalogue: products and services with their price and default tax group. */
export default class ProductsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.product.read')
    const { q, archived = 'false' } = await ctx.request.validateUsing(listProductsValidator, {
      data: ctx.request.qs(),
    })
    const query = Product.query().orderByRaw('lower(name_fr)').orderBy('id').limit(500)
    if (archived === 'false') query.whereNull('archived_at')
    if (archived === 'true') query.whereNotNull('archived_at')
    if (q) {
      const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
      query.where((search) =>
        search
          .whereRaw('lower(code) LIKE ?', [pattern])
          .orWhereRaw('lower(name_fr) LIKE ?', [pattern])
          .orWhereRaw('lower(name_en) LIKE ?', [pattern])
      )
    }
    return { data: (await query).map(serializeProduct) }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.product.read')
    const product = await Product.find(ctx.params.productId)
    if (!product) throw notFound()
    return { product: serializeProduct(product) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.product.create')
    const { price, ...fields } = await ctx.request.validateUsing(createProductValidator)
    const actor = actorOf(ctx)
    const product = await db
      .transaction(async (trx) => {
        const priceMinor = await priceOf(trx, price, fields.currency)
        const created = await Product.create({ ...fields, priceMinor }, { client: trx })
        await auditLog.record(
          {
            organizationId: tenantContext.require(),
            actorId: actor.userId,
            action: 'product.created',
            subjectType: 'product',
            subjectId: created.id,
            metadata: { code: created.code },
            ip: actor.ip,
          },
          trx
        )
        return created
      })
      .catch((error) => {
        throw isCodeTaken(error) ? invoicingErrors.productCodeTaken() : error
      })
    return ctx.response.created({ product: serializeProduct(product) })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'invoicing.product.update')
    const { price, ...changes } = await ctx.request.validateUsing(updateProductValidator)
    const product = await db
      .transaction(async (trx) => {
        const found = await Product.query({ client: trx })
          .where('id', ctx.params.productId)
          .forUpdate()
          .first()
        if (!found) throw notFound()
        const currency = changes.currency ?? found.currency
        const priceMinor =
          price !== undefined || changes.currency
            ? await priceOf(trx, price ?? fromStored(found), currency)
            : found.priceMinor
        await found
          .merge({ ...changes, priceMinor })
          .useTransaction(trx)
          .save()
        return found
      })
      .catch((error) => {
        throw isCodeTaken(error) ? invoicingErrors.productCodeTaken() : error
      })
    return { product: serializeProduct(product) }
  }

  async archive(ctx: HttpContext) {
    return this.#setArchived(ctx, true)
  }

  async unarchive(ctx: HttpContext) {
    return this.#setArchived(ctx, false)
  }

  async #setArchived(ctx: HttpContext, archived: boolean) {
    await authorize(ctx, 'invoicing.product.archive')
    const product = await Product.find(ctx.params.productId)
    if (!product) throw notFound()
    product.archivedAt = archived ? DateTime.now() : null
    await product.save()
    return { product: serializeProduct(product) }
  }
}

/** A stored price as the decimal string it was entered as (for a change of currency alone). */
function fromStored(product: Product) {
  return serializeProduct(product).price
}
