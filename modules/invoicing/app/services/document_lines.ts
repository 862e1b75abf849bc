import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  computeTotals,
  fromMinorUnits,
  MoneyLineError,
  toMinorUnits,
  type MoneyLineInput,
} from '@ia/kernel/contracts'
import { currenciesService } from '@ia/currencies/contracts'
import type { ContactSummary } from '@ia/contacts/contracts'
import Product from '../models/product.ts'
import type { StoredTaxTotal } from '../models/document.ts'
import { invoicingErrors } from '../errors.ts'
import { taxRatesOn } from './tax_groups.ts'

/** A line as the user writes it: a product (its name, unit, price and tax group by default) or free text. */
export type LineInput = {
  productId?: string | null
  description?: string
  quantity: string
  unit?: string | null
  unitPrice?: string
  discountPercent?: string | null
  discountAmount?: string | null
  taxGroup?: string
}

/** A line with every amount resolved, as stored. */
export type PricedLine = {
  position: number
  productId: string | null
  description: string
  quantity: string
  unit: string | null
  unitPrice: string
  discountPercent: string | null
  discountAmount: string | null
  taxGroup: string
  taxRate: string
  grossMinor: string
  discountMinor: string
  netMinor: string
}

/** The totals of a document in minor units of its currency, and per tax group as decimal strings. */
export type PricedDocument = {
  lines: PricedLine[]
  subtotalMinor: string
  taxMinor: string
  totalMinor: string
  taxTotals: StoredTaxTotal[]
}

/** The tax group a line falls in when neither it nor its product says: standard VAT at home, export abroad. */
export function defaultTaxGroup(customer: Pick<ContactSummary, 'country'>) {
  return customer.country && customer.country !== 'CD' ? 'E' : 'B'
}

const minor = (amount: string, currency: string) => toMinorUnits(amount, currency).toString()

/**
 * Resolves each line (product defaults, the customer's language for product names), takes the tax
 * rates valid on `taxDate`, and computes the totals with THE money rules (`computeTotals`): each line
 * rounded, then the tax of each group on the sum of its lines. A refusal names the line's field.
 */
export async function priceLines(
  trx: TransactionClientContract,
  organizationId: string,
  context: { currency: string; taxDate: string; customer: ContactSummary; locale: 'fr' | 'en' },
  inputs: LineInput[]
): Promise<PricedDocument> {
  const productIds = [
    ...new Set(inputs.flatMap((line) => (line.productId ? [line.productId] : []))),
  ]
  const products = new Map(
    (productIds.length
      ? await Product.query({ client: trx }).whereIn('id', productIds).whereNull('archived_at')
      : []
    ).map((product) => [product.id, product])
  )
  const resolved = []
  for (const [index, input] of inputs.entries()) {
    const field = (name: string) => `lines.${index}.${name}`
    const product = input.productId ? products.get(input.productId) : undefined
    if (input.productId && !product) throw invoicingErrors.productUnknown(field('productId'))
    if (input.discountPercent && input.discountAmount)
      throw invoicingErrors.discountTwice(field('discountAmount'))
    const description =
      input.description ?? (product && (context.locale === 'en' ? product.nameEn : product.nameFr))
    if (!description) throw invoicingErrors.lineDescriptionRequired(field('description'))
    resolved.push({
      productId: product?.id ?? null,
      description,
      quantity: input.quantity,
      unit: input.unit !== undefined ? input.unit : (product?.unit ?? null),
      unitPrice:
        input.unitPrice ??
        (product
          ? await productPrice(trx, organizationId, product, context, field('unitPrice'))
          : undefined),
      discountPercent: input.discountPercent ?? null,
      discountAmount: input.discountAmount ?? null,
      taxGroup: input.taxGroup ?? product?.taxGroup ?? defaultTaxGroup(context.customer),
    })
    if (resolved[index].unitPrice === undefined)
      throw invoicingErrors.unitPriceRequired(field('unitPrice'))
  }

  const firstLineOf = new Map<string, number>()
  resolved.forEach(
    (line, index) => firstLineOf.has(line.taxGroup) || firstLineOf.set(line.taxGroup, index)
  )
  const rates = resolved.length
    ? await taxRatesOn(
        organizationId,
        [...firstLineOf.keys()],
        context.taxDate,
        trx,
        (code) => `lines.${firstLineOf.get(code)}.taxGroup`
      )
    : new Map<string, string>()

  const moneyLines: MoneyLineInput[] = resolved.map((line) => ({
    quantity: line.quantity,
    unitPrice: line.unitPrice!,
    discount: line.discountPercent
      ? { percent: line.discountPercent }
      : line.discountAmount
        ? { amount: line.discountAmount }
        : null,
    taxGroup: line.taxGroup,
    taxRate: rates.get(line.taxGroup)!,
  }))
  let totals
  try {
    totals = computeTotals(context.currency, moneyLines)
  } catch (error) {
    if (!(error instanceof MoneyLineError)) throw error
    const line = resolved[error.line]
    if (error.field === 'discount')
      throw invoicingErrors.discountAboveLine(
        `lines.${error.line}.${line.discountPercent ? 'discountPercent' : 'discountAmount'}`
      )
    throw error
  }
  const { currency } = context
  return {
    lines: resolved.map((line, index) => ({
      ...line,
      position: index + 1,
      unitPrice: line.unitPrice!,
      taxRate: rates.get(line.taxGroup)!,
      grossMinor: minor(totals.lines[index].gross, currency),
      discountMinor: minor(totals.lines[index].discount, currency),
      netMinor: minor(totals.lines[index].net, currency),
    })),
    subtotalMinor: minor(totals.net, currency),
    taxMinor: minor(totals.tax, currency),
    totalMinor: minor(totals.total, currency),
    taxTotals: totals.taxGroups,
  }
}

/** A product's price in the document's currency: as is, or converted at the document's date. */
async function productPrice(
  trx: TransactionClientContract,
  organizationId: string,
  product: Product,
  context: { currency: string; taxDate: string },
  field: string
) {
  if (product.currency === context.currency)
    return fromMinorUnits(product.priceMinor, product.currency)
  const converted = await currenciesService.convert(
    organizationId,
    BigInt(product.priceMinor),
    product.currency,
    context.currency,
    context.taxDate,
    {
      client: trx,
      field,
    }
  )
  return converted.amount
}
