/*
 * Treasury's part of the API reference: treasury accounts, transactions, statements and
 * reconciliation, budgets and the dashboard.
 */
import { describeRoute, listOf, wrapped, type RouteDoc } from '@ia/kernel/contracts'
import {
  serializeCategory,
  serializeReconciliationItem,
  serializeStatementImport,
  serializeStatementLine,
  serializeTransaction,
  serializeTreasuryAccount,
} from '../app/transformers/treasury_transformer.ts'
import {
  budgetYearValidator,
  createTreasuryAccountValidator,
  lineTransactionValidator,
  listTransactionsValidator,
  matchLineValidator,
  unmatchLineValidator,
  periodValidator,
  recordTransactionValidator,
  setBudgetValidator,
  statementUploadValidator,
  updateTreasuryAccountValidator,
  attachmentValidator,
} from '../app/validators/treasury.ts'

const tags = ['Finance']
const orgId = 'The organisation id (uuid).'
const accountId = 'The treasury account id (uuid).'
const transactionId = 'The transaction id (uuid).'
const importId = 'The statement import id (uuid).'
const forbidden = 'The caller lacks the permission: `E_FORBIDDEN`.'
const noContent = { description: 'Done; no body.' }
const account = wrapped('account', serializeTreasuryAccount.ref)
const transaction = wrapped('transaction', serializeTransaction.ref)
const statementImport = wrapped('import', serializeStatementImport.ref)
const route = (key: Parameters<typeof describeRoute>[0], doc: Omit<RouteDoc, 'tags'>) =>
  describeRoute(key, { tags, ...doc })
const object = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
})

route('GET /api/v1/orgs/:orgId/finance/treasury-accounts', {
  operationId: 'listFinanceTreasuryAccounts',
  summary: 'Cash boxes, bank accounts and mobile-money wallets with their balances',
  description: '`archived=true` lists archived accounts too.',
  permission: 'finance.treasury.read',
  params: { orgId },
  responses: {
    200: { description: 'By kind, then name.', schema: listOf(serializeTreasuryAccount.ref) },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/finance/treasury-accounts', {
  operationId: 'createFinanceTreasuryAccount',
  summary: 'Open a treasury account',
  description:
    'Adds its ledger sub-account under 571 (cash), 521 (bank) or 552 (mobile money) and posts its opening balance against 471. ' +
    'A mobile-money wallet names its operator (`E_TREASURY_PROVIDER` on `provider` otherwise); the currency is one the organisation uses.',
  permission: 'finance.treasury.manage',
  params: { orgId },
  request: createTreasuryAccountValidator,
  requestExample: {
    kind: 'mobile_money',
    provider: 'mpesa',
    name: 'M-Pesa boutique',
    currency: 'CDF',
    openingBalance: '150000',
    openingDate: '2026-01-01',
  },
  responses: { 201: { description: 'The account.', schema: account }, 403: forbidden },
})
route('GET /api/v1/orgs/:orgId/finance/treasury-accounts/:treasuryAccountId', {
  operationId: 'getFinanceTreasuryAccount',
  summary: 'One treasury account',
  permission: 'finance.treasury.read',
  params: { orgId, treasuryAccountId: accountId },
  responses: { 200: { description: 'The account.', schema: account }, 403: forbidden },
})
route('PATCH /api/v1/orgs/:orgId/finance/treasury-accounts/:treasuryAccountId', {
  operationId: 'updateFinanceTreasuryAccount',
  summary: 'Rename, receive invoice payments, archive',
  description:
    'Making an account receive payments releases the one of the same kind and currency that did.',
  permission: 'finance.treasury.manage',
  params: { orgId, treasuryAccountId: accountId },
  request: updateTreasuryAccountValidator,
  requestExample: { receivesPayments: true },
  responses: { 200: { description: 'The account.', schema: account }, 403: forbidden },
})
route('GET /api/v1/orgs/:orgId/finance/treasury-accounts/:treasuryAccountId/reconciliation', {
  operationId: 'getFinanceReconciliation',
  summary: "The account's unmatched statement lines with suggested counterparts",
  description:
    'Suggestions are entries on the account with the same signed amount, ranked by date distance and a reference found in the line.',
  permission: 'finance.statement.reconcile',
  params: { orgId, treasuryAccountId: accountId },
  responses: {
    200: {
      description: 'Oldest first, 200 at most.',
      schema: listOf(serializeReconciliationItem.ref),
    },
    403: forbidden,
  },
})
route('GET /api/v1/orgs/:orgId/finance/categories', {
  operationId: 'listFinanceCategories',
  summary: 'Income and expense categories in plain words, with their SYSCOHADA accounts',
  permission: 'finance.transaction.read',
  params: { orgId },
  responses: {
    200: { description: 'The categories.', schema: listOf(serializeCategory.ref) },
    403: forbidden,
  },
})
route('GET /api/v1/orgs/:orgId/finance/transactions', {
  operationId: 'listFinanceTransactions',
  summary: 'Page through transactions, newest first',
  permission: 'finance.transaction.read',
  params: { orgId },
  query: listTransactionsValidator,
  responses: {
    200: {
      description: '50 per page.',
      schema: object({
        data: { type: 'array', items: serializeTransaction.ref },
        meta: object({ page: { type: 'integer' }, hasMore: { type: 'boolean' } }),
      }),
    },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/finance/transactions', {
  operationId: 'recordFinanceTransaction',
  summary: 'Record an income, an expense or a transfer',
  description:
    'Posts its journal entry in the same transaction. A transfer to the same account is a 422 on `toAccountId`; across currencies it needs `rate` ' +
    '(`E_TRANSFER_RATE_REQUIRED`). `tax` is the TVA included in `amount` (deductible on an expense, collected on an income).',
  permission: 'finance.transaction.create',
  params: { orgId },
  request: recordTransactionValidator,
  requestExample: {
    kind: 'expense',
    date: '2026-02-03',
    accountId: '00000000-0000-4000-8000-000000000000',
    amount: '58000',
    tax: '8000',
    categoryId: '00000000-0000-4000-8000-000000000001',
    description: 'Carburant groupe électrogène',
  },
  responses: { 201: { description: 'The transaction.', schema: transaction }, 403: forbidden },
})
route('GET /api/v1/orgs/:orgId/finance/transactions/:transactionId', {
  operationId: 'getFinanceTransaction',
  summary: 'One transaction',
  permission: 'finance.transaction.read',
  params: { orgId, transactionId },
  responses: { 200: { description: 'The transaction.', schema: transaction }, 403: forbidden },
})
route('POST /api/v1/orgs/:orgId/finance/receipts', {
  operationId: 'attachFinanceReceipt',
  summary: 'Attach a receipt (photo or PDF) to a transaction',
  description:
    "JPEG, PNG, WebP, HEIC or PDF up to 10 MB, checked by its bytes; another organisation's `transactionId` answers 404.",
  permission: 'finance.transaction.create',
  params: { orgId },
  request: attachmentValidator,
  responses: {
    201: { description: 'The transaction with its receipts.', schema: transaction },
    403: forbidden,
  },
})
route('GET /api/v1/orgs/:orgId/finance/transactions/:transactionId/attachments/:attachmentId', {
  operationId: 'getFinanceReceiptUrl',
  summary: 'A five-minute link to a receipt',
  permission: 'finance.transaction.read',
  params: { orgId, transactionId, attachmentId: 'The attachment id (uuid).' },
  responses: {
    200: { description: 'The link.', schema: object({ url: { type: 'string' } }) },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/finance/statements/preview', {
  operationId: 'previewFinanceStatement',
  summary: 'Read a statement file without keeping it',
  description:
    'CSV (columns guessed from the headers, or `mapping[date]=0`...), OFX or CAMT.053. Answers the columns, how they were read, ' +
    'the first movements and the refused rows with their reasons.',
  permission: 'finance.statement.import',
  params: { orgId },
  request: statementUploadValidator,
  responses: {
    200: {
      description: 'What an import would bring in.',
      schema: object({
        format: { type: 'string' },
        header: { type: 'array', items: { type: 'string' } },
        sample: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
        reading: { type: ['object', 'null'] },
        movementCount: { type: 'integer' },
        movements: { type: 'array', items: { type: 'object' } },
        rowErrors: { type: 'array', items: { type: 'object' } },
      }),
    },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/finance/statements', {
  operationId: 'importFinanceStatement',
  summary: 'Upload a statement: analysed by a job, imported once confirmed',
  description:
    'A file no job could read is refused at once (422 on `file`). The job marks lines already imported on the account as duplicates. ' +
    'Nothing reaches the account until `confirm`.',
  permission: 'finance.statement.import',
  params: { orgId },
  request: statementUploadValidator,
  responses: {
    202: { description: 'The import, being analysed.', schema: statementImport },
    403: forbidden,
  },
})
route('GET /api/v1/orgs/:orgId/finance/statements/:statementId', {
  operationId: 'getFinanceStatement',
  summary: 'An import, its lines and refused rows',
  permission: 'finance.statement.import',
  params: { orgId, statementId: importId },
  responses: {
    200: {
      description: 'The import and its lines in file order.',
      schema: object({
        import: serializeStatementImport.ref,
        lines: { type: 'array', items: serializeStatementLine.ref },
      }),
    },
    403: forbidden,
  },
})
route('DELETE /api/v1/orgs/:orgId/finance/statements/:statementId', {
  operationId: 'cancelFinanceStatement',
  summary: 'Drop an import that was not confirmed',
  permission: 'finance.statement.import',
  params: { orgId, statementId: importId },
  responses: {
    204: noContent,
    403: forbidden,
    409: 'Already confirmed: `E_STATEMENT_IMPORT_NOT_READY`.',
  },
})
route('POST /api/v1/orgs/:orgId/finance/statements/:statementId/confirm', {
  operationId: 'confirmFinanceStatement',
  summary: 'Import the analysed lines (duplicates left out)',
  permission: 'finance.statement.import',
  params: { orgId, statementId: importId },
  responses: {
    200: { description: 'The confirmed import.', schema: statementImport },
    403: forbidden,
    409: 'Not analysed yet, or confirmed already.',
  },
})
route('POST /api/v1/orgs/:orgId/finance/reconciliation/match', {
  operationId: 'matchFinanceStatementLine',
  summary: "Confirm an entry as the line's counterpart",
  permission: 'finance.statement.reconcile',
  params: { orgId },
  request: matchLineValidator,
  requestExample: {
    statementLineId: '00000000-0000-4000-8000-000000000000',
    entryId: '00000000-0000-4000-8000-000000000001',
  },
  responses: { 204: noContent, 403: forbidden, 409: 'The line is not open.' },
})
route('POST /api/v1/orgs/:orgId/finance/reconciliation/unmatch', {
  operationId: 'unmatchFinanceStatementLine',
  summary: 'Undo a match (an open line stays open)',
  permission: 'finance.statement.reconcile',
  params: { orgId },
  request: unmatchLineValidator,
  requestExample: { statementLineId: '00000000-0000-4000-8000-000000000000' },
  responses: { 204: noContent, 403: forbidden, 409: 'The line is not imported yet.' },
})
route('POST /api/v1/orgs/:orgId/finance/reconciliation/transaction', {
  operationId: 'createFinanceTransactionFromLine',
  summary: 'Turn an unmatched line into an income or expense, reconciled',
  permission: 'finance.statement.reconcile',
  params: { orgId },
  request: lineTransactionValidator,
  requestExample: {
    statementLineId: '00000000-0000-4000-8000-000000000000',
    categoryId: '00000000-0000-4000-8000-000000000001',
  },
  responses: {
    201: {
      description: 'The transaction and its entry.',
      schema: object({
        transactionId: { type: 'string', format: 'uuid' },
        entryId: { type: 'string', format: 'uuid' },
      }),
    },
    403: forbidden,
  },
})
const money = { type: 'string' }
const budgetRow = object({
  categoryId: { type: 'string', format: 'uuid' },
  kind: { type: 'string' },
  name: object({ fr: { type: 'string' }, en: { type: 'string' } }),
  accountCode: { type: 'string' },
  budget: money,
  actual: money,
  months: {
    type: 'array',
    items: object({ month: { type: 'string' }, budget: money, actual: money }),
  },
})
route('GET /api/v1/orgs/:orgId/finance/budgets', {
  operationId: 'listFinanceBudgets',
  summary: "A year's budgets per category and month, against actuals",
  permission: 'finance.budget.read',
  params: { orgId },
  query: budgetYearValidator,
  responses: {
    200: {
      description: 'In the book currency.',
      schema: object({ currency: { type: 'string' }, data: { type: 'array', items: budgetRow } }),
    },
    403: forbidden,
  },
})
route('PUT /api/v1/orgs/:orgId/finance/budgets', {
  operationId: 'setFinanceBudget',
  summary: "Set a category's budget for a month (0 clears it)",
  permission: 'finance.budget.manage',
  params: { orgId },
  request: setBudgetValidator,
  requestExample: {
    categoryId: '00000000-0000-4000-8000-000000000000',
    month: '2026-02',
    amount: '500000',
  },
  responses: { 204: noContent, 403: forbidden },
})
route('GET /api/v1/orgs/:orgId/finance/dashboard', {
  operationId: 'getFinanceDashboard',
  summary: 'Revenue, expenses, profit, cash, expenses by category, ageing, top customers, budget',
  description:
    "Read from the per-account, per-day rollups. `currency=book` (default) or `reporting`; cash totals are given in both at each month end's rate (null without a rate).",
  permission: 'finance.dashboard.read',
  params: { orgId },
  query: periodValidator,
  responses: { 200: { description: 'The dashboard.', schema: { type: 'object' } }, 403: forbidden },
})
