import { DomainError } from '@ia/kernel/contracts'

/** The currencies module's expected failures, each with its code, HTTP status and message key. */
export const currencyErrors = {
  /** No rate of the pair (nor of its inverse, nor through the default currency) on or before the date. */
  rateNotFound: (from: string, to: string, date: string, field = 'currency') =>
    new DomainError(
      'E_RATE_NOT_FOUND',
      422,
      'currencies.errors.E_RATE_NOT_FOUND',
      { from, to, date },
      field
    ),
  /** A currency the organisation does not use. */
  currencyNotUsed: (currency: string, field = 'currency') =>
    new DomainError(
      'E_CURRENCY_NOT_USED',
      422,
      'currencies.errors.E_CURRENCY_NOT_USED',
      { currency },
      field
    ),
  /** A date that does not exist or is still to come. */
  invalidDate: (field: string) =>
    new DomainError('E_RATE_INVALID_DATE', 422, 'currencies.errors.E_RATE_INVALID_DATE', {}, field),
  /** A rate of zero. */
  invalidRate: (field: string) =>
    new DomainError('E_RATE_INVALID', 422, 'currencies.errors.E_RATE_INVALID', {}, field),
  /** A rate of a currency to itself. */
  samePair: () =>
    new DomainError(
      'E_RATE_SAME_CURRENCY',
      422,
      'currencies.errors.E_RATE_SAME_CURRENCY',
      {},
      'quoteCurrency'
    ),
  /** A fetch asked for while no provider URL is set. */
  noProvider: () =>
    new DomainError(
      'E_RATE_NO_PROVIDER',
      422,
      'currencies.errors.E_RATE_NO_PROVIDER',
      {},
      'providerUrl'
    ),
  /** A list cursor the server did not make. */
  invalidCursor: () =>
    new DomainError(
      'E_RATE_INVALID_CURSOR',
      422,
      'currencies.errors.E_RATE_INVALID_CURSOR',
      {},
      'cursor'
    ),
  /** The uploaded rates file is not a CSV with a header and at least one row. */
  importUnreadable: (
    reason: 'notText' | 'empty' | 'malformed' | 'columns' | 'tooManyRows' | 'fileMissing',
    data: Record<string, unknown> = {}
  ) =>
    new DomainError(
      'E_RATE_IMPORT_UNREADABLE',
      422,
      `currencies.errors.import.${reason}`,
      data,
      'file'
    ),
}
