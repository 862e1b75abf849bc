import vine from '@vinejs/vine'
import { PRODUCT_KINDS } from '../models/product.ts'
import { TAX_GROUP_CODES } from '../models/tax_group.ts'
import { DECIMAL } from './documents.ts'

const productFields = {
  kind: vine.enum(PRODUCT_KINDS),
  code: vine.string().trim().minLength(1).maxLength(40),
  nameFr: vine.string().trim().minLength(1).maxLength(200),
  nameEn: vine.string().trim().minLength(1).maxLength(200),
  unit: vine.string().trim().minLength(1).maxLength(20),
  price: vine.string().trim().regex(DECIMAL),
  currency: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/),
  taxGroup: vine.enum(TAX_GROUP_CODES),
}

/** Add a product or service to the catalogue. */
export const createProductValidator = vine.create(productFields)

/** Change some of a product's fields. */
export const updateProductValidator = vine.create({
  kind: productFields.kind.optional(),
  code: productFields.code.optional(),
  nameFr: productFields.nameFr.optional(),
  nameEn: productFields.nameEn.optional(),
  unit: productFields.unit.optional(),
  price: productFields.price.optional(),
  currency: productFields.currency.optional(),
  taxGroup: productFields.taxGroup.optional(),
})

/** Search the catalogue. */
export const listProductsValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  archived: vine.enum(['false', 'true', 'all'] as const).optional(),
})

/** A tax group's next rate from a date, or a rate for a set period (an exemption). */
export const addTaxRateValidator = vine.create({
  rate: vine
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,4})?$/),
  validFrom: vine.date({ formats: ['YYYY-MM-DD'] }),
  validTo: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .afterOrSameAs('validFrom')
    .nullable()
    .optional(),
  note: vine.string().trim().maxLength(300).nullable().optional(),
})

/** A numbering series' format. */
export const seriesFormatValidator = vine.create({
  format: vine.string().trim().maxLength(60),
})

/** The overdue reminders' schedule: on or off, days after the due date, then every so many days, at most so many. */
export const reminderSettingsValidator = vine.create({
  enabled: vine.boolean(),
  firstAfterDays: vine.number().withoutDecimals().range([0, 365]),
  repeatEveryDays: vine.number().withoutDecimals().range([1, 365]).nullable(),
  maxReminders: vine.number().withoutDecimals().range([1, 10]),
})

/** The organisation's invoicing defaults. */
export const invoicingSettingsValidator = vine.create({
  defaultPaymentTermsDays: vine.number().withoutDecimals().range([0, 365]),
})
