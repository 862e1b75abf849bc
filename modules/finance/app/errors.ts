import { DomainError } from '@ia/kernel/contracts'

const error = (code: string, status: number, field?: string, data: Record<string, unknown> = {}) =>
  new DomainError(code, status, `finance.errors.${code}`, data, field)

/** The finance module's expected failures, each with its code, HTTP status, message key and field. */
export const financeErrors = {
  /** The organisation has not enabled the finance module: it has no ledger. */
  ledgerMissing: () => error('E_LEDGER_MISSING', 409),
  /** No journal with this code in the organisation. */
  journalUnknown: (field: string, code: string) => error('E_JOURNAL_UNKNOWN', 422, field, { code }),
  /** No account with this code in the organisation (or it is archived). */
  accountUnknown: (field: string, code: string) => error('E_ACCOUNT_UNKNOWN', 422, field, { code }),
  /** Another account of the organisation has this code. */
  accountCodeTaken: (code: string) => error('E_ACCOUNT_CODE_TAKEN', 422, 'code', { code }),
  /** A sub-account's code starts with its parent's code and is longer. */
  subAccountCode: (parent: string) => error('E_SUB_ACCOUNT_CODE', 422, 'code', { parent }),
  /** A line is a debit or a credit of a positive amount, not both, not neither. */
  lineAmount: (field: string) => error('E_LINE_AMOUNT', 422, field),
  /** An amount with more digits than its currency allows. */
  amountDigits: (field: string, currency: string) =>
    error('E_AMOUNT_DIGITS', 422, field, { currency }),
  /** Debits and credits differ. */
  unbalanced: (debit: string, credit: string, currency: string) =>
    error('E_ENTRY_UNBALANCED', 422, 'lines', { debit, credit, currency }),
  /** An entry needs at least two lines. */
  tooFewLines: () => error('E_ENTRY_TOO_FEW_LINES', 422, 'lines'),
  /** The date is on or before the lock date, or in a closed fiscal year. */
  periodLocked: (field: string, date: string, lockDate: string) =>
    error('E_PERIOD_LOCKED', 422, field, { date, lockDate }),
  /** Not a calendar date. */
  invalidDate: (field: string) => error('E_INVALID_DATE', 422, field),
  /** An entry is reversed once. */
  alreadyReversed: (number: string) =>
    error('E_ENTRY_ALREADY_REVERSED', 409, 'entryId', { number }),
  /** A reversal is not reversed again: post the entry anew. */
  reversalOfReversal: (number: string) => error('E_ENTRY_IS_REVERSAL', 409, 'entryId', { number }),
  /** This source was already booked. */
  sourceBooked: (type: string, id: string) =>
    error('E_SOURCE_ALREADY_BOOKED', 409, 'source', { type, id }),
  /** The lock date never moves back. */
  lockDateBackwards: (lockDate: string) =>
    error('E_LOCK_DATE_BACKWARDS', 422, 'lockDate', { lockDate }),
  /** A report's period ends before it starts. */
  periodOrder: () => error('E_PERIOD_ORDER', 422, 'to'),
  /** A report's period longer than ten years. */
  periodTooLong: () => error('E_PERIOD_TOO_LONG', 422, 'from'),
}
