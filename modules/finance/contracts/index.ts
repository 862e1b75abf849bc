/*
 * The finance module's public surface: the only finance code other modules may import.
 * Posting runs inside the caller's transaction; the queries only read.
 */
export {
  ledgerPosting,
  ledgerSettings,
  type LedgerPosting,
  type LedgerEntryInput,
  type LedgerLineInput,
  type PostedEntry,
  type PostedLine,
} from '../app/services/ledger_posting.ts'
export { SME_ACCOUNTS } from '../app/services/sme_accounts.ts'
export { DEFAULT_JOURNALS } from '../app/services/chart_of_accounts.ts'
export {
  setTreasuryResolver,
  defaultTreasuryResolver,
  type TreasuryResolver,
  type TreasuryQuestion,
  type TreasuryTarget,
  type TreasuryMethod,
} from '../app/services/treasury_resolver.ts'
export { INVOICING_SOURCES } from '../app/services/invoicing_booking.ts'
export { financeErrors } from '../app/errors.ts'
export { financeQueries, type FinanceQueryOptions } from './finance_queries.ts'
export type { CurrencyView } from '../app/services/reports.ts'
