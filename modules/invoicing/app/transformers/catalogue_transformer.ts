import {
  defineSerializer,
  fromMinorUnits,
  isoTimestamp,
  isoTimestampOrNull,
  Type,
  wire,
} from '@ia/kernel/contracts'
import { PRODUCT_KINDS, type default as Product } from '../models/product.ts'
import type TaxGroup from '../models/tax_group.ts'
import { decimalText } from '../services/decimal_text.ts'
import { DOCUMENT_KINDS, type DocumentKind } from '../models/document.ts'

/** A catalogue entry. */
export const serializeProduct = defineSerializer(
  'InvoicingProduct',
  Type.Object(
    {
      id: wire.uuid(),
      kind: wire.oneOf(PRODUCT_KINDS),
      code: Type.String(),
      nameFr: Type.String(),
      nameEn: Type.String(),
      unit: Type.String(),
      price: Type.String({ description: 'Decimal string of `currency`, tax excluded.' }),
      currency: Type.String(),
      taxGroup: Type.String({ description: 'Default DGI tax group, A to P.' }),
      archivedAt: wire.dateTimeOrNull(),
      createdAt: wire.dateTime(),
      updatedAt: wire.dateTime(),
    },
    { description: 'A product or service of the catalogue.' }
  ),
  (product: Product) => ({
    id: product.id,
    kind: product.kind,
    code: product.code,
    nameFr: product.nameFr,
    nameEn: product.nameEn,
    unit: product.unit,
    price: fromMinorUnits(product.priceMinor, product.currency),
    currency: product.currency,
    taxGroup: product.taxGroup,
    archivedAt: isoTimestampOrNull(product.archivedAt),
    createdAt: isoTimestamp(product.createdAt),
    updatedAt: isoTimestamp(product.updatedAt),
  })
)

/** A DGI tax group with its rates by date. */
export const serializeTaxGroup = defineSerializer(
  'InvoicingTaxGroup',
  Type.Object(
    {
      code: Type.String({ description: 'A to P.' }),
      labelFr: Type.String(),
      labelEn: Type.String(),
      currentRate: wire.text('Percent valid today, or null when no period covers today.'),
      rates: Type.Array(
        Type.Object({
          id: wire.uuid(),
          rate: Type.String({ description: 'Percent, decimal string.' }),
          validFrom: Type.String({ format: 'date' }),
          validTo: Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date' }),
          note: wire.text(),
        })
      ),
    },
    {
      description:
        'A DGI tax group; on a date the period that started last among those covering it applies.',
    }
  ),
  ({ group, currentRate }: { group: TaxGroup; currentRate: string | null }) => ({
    code: group.code,
    labelFr: group.labelFr,
    labelEn: group.labelEn,
    currentRate: decimalText(currentRate),
    rates: group.rates.map((rate) => ({
      id: rate.id,
      rate: decimalText(rate.rate),
      validFrom: rate.validFrom.toISODate()!,
      validTo: rate.validTo?.toISODate() ?? null,
      note: rate.note,
    })),
  })
)

/** A numbering series: its format and where its counter stands this year. */
export const serializeSeries = defineSerializer(
  'InvoicingSeries',
  Type.Object(
    {
      kind: wire.oneOf(DOCUMENT_KINDS),
      format: Type.String({
        description:
          '`{YYYY}` or `{YY}` for the year, `{NNNN}` for the counter (as many digits as Ns).',
      }),
      year: Type.Integer(),
      issued: Type.Integer({ description: 'Numbers taken this year.' }),
      nextNumber: Type.String({ description: 'The number the next document will take.' }),
    },
    {
      description:
        'A numbering series; counters restart every year and never skip or reuse a number.',
    }
  ),
  (series: {
    kind: DocumentKind
    format: string
    year: number
    issued: number
    nextNumber: string
  }) => series
)

/** The organisation's invoicing defaults. */
export const serializeInvoicingSettings = defineSerializer(
  'InvoicingSettings',
  Type.Object(
    {
      defaultPaymentTermsDays: Type.Integer({
        description: 'Days between issue and due date given to a new invoice that names none.',
      }),
    },
    { description: "The organisation's invoicing defaults." }
  ),
  (settings: { defaultPaymentTermsDays: number }) => ({
    defaultPaymentTermsDays: settings.defaultPaymentTermsDays,
  })
)
