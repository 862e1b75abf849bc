import { DomainError } from '@ia/kernel/contracts'

const error = (code: string, status: number, field?: string, data: Record<string, unknown> = {}) =>
  new DomainError(code, status, `treasury.errors.${code}`, data, field)

/** Treasury's expected failures (accounts, transactions, statements, budgets), each naming its field. */
export const treasuryErrors = {
  /** No treasury account with this id in the organisation (or it is archived). */
  accountUnknown: (field: string) => error('E_TREASURY_ACCOUNT_UNKNOWN', 422, field),
  /** A transfer goes from one account to another. */
  sameAccount: () => error('E_TRANSFER_SAME_ACCOUNT', 422, 'toAccountId'),
  /** A transfer between two currencies needs the rate used. */
  rateRequired: () => error('E_TRANSFER_RATE_REQUIRED', 422, 'rate'),
  /** No category with this id in the organisation, or one of the wrong kind. */
  categoryUnknown: (field: string) => error('E_CATEGORY_UNKNOWN', 422, field),
  /** Tax is part of the total, so it is less than it. */
  taxTooHigh: () => error('E_TAX_TOO_HIGH', 422, 'tax'),
  /** An amount with more decimals than its currency has. */
  amountDigits: (field: string, currency: string) =>
    error('E_AMOUNT_DIGITS', 422, field, { currency }),
  /** The ledger has no account to hang this treasury account (or category) on. */
  chartAccountMissing: (field: string, code: string) =>
    error('E_CHART_ACCOUNT_MISSING', 422, field, { code }),
  /** A mobile-money wallet names its operator; other accounts do not. */
  providerMismatch: () => error('E_TREASURY_PROVIDER', 422, 'provider'),
  /** Another active account already receives invoice payments of this kind and currency. */
  receivingTaken: () => error('E_TREASURY_RECEIVING_TAKEN', 409, 'receivesPayments'),
  /** The statement file cannot be read at all. */
  statementFile: (reason: string, line: number | null) =>
    error(`E_STATEMENT_${reason.toUpperCase()}`, 422, 'file', { line: line ?? '' }),
  /** The statement is in another currency than the account. */
  statementCurrency: (currency: string, expected: string) =>
    error('E_STATEMENT_CURRENCY', 422, 'file', { currency, expected }),
  /** A mapping column beyond the file's last column. */
  mappingColumn: (field: string) => error('E_STATEMENT_MAPPING_COLUMN', 422, `mapping.${field}`),
  /** The import is not (or no longer) waiting for confirmation. */
  importNotReady: () => error('E_STATEMENT_IMPORT_NOT_READY', 409, 'importId'),
  /** No statement line with this id in the organisation. */
  lineUnknown: () => error('E_STATEMENT_LINE_UNKNOWN', 422, 'statementLineId'),
  /** The statement line is already reconciled, or not yet imported. */
  lineNotOpen: () => error('E_STATEMENT_LINE_NOT_OPEN', 409, 'statementLineId'),
  /** The entry offered as the line's counterpart does not move this account by this amount, or is taken. */
  matchRefused: () => error('E_STATEMENT_MATCH_REFUSED', 422, 'entryId'),
}
