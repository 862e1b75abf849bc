import vine from '@vinejs/vine'

const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/
const CODE = /^[1-9][0-9A-Z]{1,19}$/
const date = () => vine.date({ formats: ['YYYY-MM-DD'] })

/** List the chart: a class, a search on number or name, archived accounts too. */
export const listAccountsValidator = vine.create({
  class: vine.number().withoutDecimals().range([1, 9]).optional(),
  search: vine.string().trim().maxLength(100).optional(),
  archived: vine.boolean().optional(),
})

/** Add a sub-account under an account of the chart. */
export const createAccountValidator = vine.create({
  parentCode: vine.string().trim().toUpperCase().regex(CODE),
  code: vine.string().trim().toUpperCase().regex(CODE),
  nameFr: vine.string().trim().minLength(1).maxLength(200),
  nameEn: vine.string().trim().minLength(1).maxLength(200),
})

/** Post an entry by hand. */
export const postEntryValidator = vine.create({
  journal: vine.string().trim().toUpperCase().maxLength(8),
  date: date(),
  description: vine.string().trim().minLength(1).maxLength(300),
  currency: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/),
  lines: vine
    .array(
      vine.object({
        account: vine.string().trim().toUpperCase().maxLength(20),
        debit: vine.string().trim().regex(DECIMAL).optional(),
        credit: vine.string().trim().regex(DECIMAL).optional(),
        currency: vine
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{3}$/)
          .optional(),
        description: vine.string().trim().maxLength(300).nullable().optional(),
        partnerId: vine.string().uuid().nullable().optional(),
      })
    )
    .minLength(2)
    .maxLength(500),
})

/** Reverse an entry on a date (today by default). */
export const reverseEntryValidator = vine.create({
  date: date().optional(),
  description: vine.string().trim().minLength(1).maxLength(300).optional(),
})

/** Page through entries, newest first. */
export const listEntriesValidator = vine.create({
  from: date().optional(),
  to: date().optional(),
  journal: vine.string().trim().toUpperCase().maxLength(8).optional(),
  account: vine.string().trim().toUpperCase().maxLength(20).optional(),
  sourceType: vine.string().trim().maxLength(40).optional(),
  sourceId: vine.string().trim().maxLength(80).optional(),
  limit: vine.number().withoutDecimals().range([1, 200]).optional(),
  before: vine.string().trim().maxLength(120).optional(),
})

/** Change the lock date (forward only) or the sales account. */
export const updateSettingsValidator = vine.create({
  lockDate: date().optional(),
  salesAccount: vine.string().trim().toUpperCase().regex(CODE).optional(),
})
