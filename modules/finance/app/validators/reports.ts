import vine from '@vinejs/vine'
import { REPORT_FORMATS } from '../services/report_exports.ts'

const date = () => vine.date({ formats: ['YYYY-MM-DD'] })
const common = {
  currency: vine.enum(['book', 'reporting'] as const).optional(),
  format: vine.enum(REPORT_FORMATS).optional(),
  lang: vine.enum(['fr', 'en'] as const).optional(),
}

/** A report over a period. */
export const periodReportValidator = vine.create({ from: date(), to: date(), ...common })

/** The general ledger of an account (and its sub-accounts) over a period. */
export const generalLedgerValidator = vine.create({
  from: date(),
  to: date(),
  account: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[1-9][0-9A-Z]{0,19}$/),
  limit: vine.number().withoutDecimals().range([1, 5000]).optional(),
  ...common,
})

/** A report at a date (today by default). */
export const atDateReportValidator = vine.create({ at: date().optional(), ...common })

/** Receivables or payables by age at a date (today by default). */
export const ageingValidator = vine.create({
  side: vine.enum(['receivables', 'payables'] as const),
  at: date().optional(),
  ...common,
})
