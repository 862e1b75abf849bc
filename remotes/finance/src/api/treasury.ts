import { useApi, type Schemas } from '@ia/sdk'

/** A cash box, bank account or mobile-money wallet with its balance. */
export type TreasuryAccount = Schemas['FinanceTreasuryAccount']
/** An income or expense category in plain words. */
export type Category = Schemas['FinanceCategory']
/** A recorded transaction. */
export type Transaction = Schemas['FinanceTransaction']
/** An uploaded statement. */
export type StatementImport = Schemas['FinanceStatementImport']
/** A statement line. */
export type StatementLine = Schemas['FinanceStatementLine']
/** An unmatched line with its suggestions. */
export type ReconciliationItem = Schemas['FinanceReconciliationItem']

/** What the new-account form sends. */
export type TreasuryAccountInput = {
  kind: 'cash' | 'bank' | 'mobile_money'
  provider?: 'mpesa' | 'orange_money' | 'airtel_money' | 'afrimoney' | null
  name: string
  currency: string
  bankName?: string | null
  accountNumber?: string | null
  openingBalance?: string
  openingDate: string
  receivesPayments?: boolean
}

/** What the transaction form sends (decimal strings). */
export type TransactionInput = {
  kind: 'income' | 'expense' | 'transfer'
  date: string
  accountId: string
  toAccountId?: string | null
  amount: string
  rate?: string | null
  categoryId?: string | null
  contactId?: string | null
  tax?: string | null
  description: string
  reference?: string | null
  tags?: string[]
}

/** How the user reads a CSV statement's columns. */
export type StatementReadingChoice = {
  mapping?: Partial<Record<StatementField, number | null>>
  dateFormat?: string
  decimalSeparator?: ',' | '.'
}

/** A CSV column's meaning. */
export type StatementField =
  'date' | 'amount' | 'debit' | 'credit' | 'description' | 'reference' | 'counterparty'

/** Every field a CSV column can hold, in the order the wizard asks. */
export const STATEMENT_FIELDS: StatementField[] = [
  'date',
  'description',
  'amount',
  'debit',
  'credit',
  'reference',
  'counterparty',
]

/** What reading a statement file without keeping it found. */
export type StatementPreview = {
  format: 'csv' | 'ofx' | 'camt053'
  header: string[]
  sample: string[][]
  reading: {
    mapping: Partial<Record<StatementField, number>>
    dateFormat: string
    decimalSeparator: ',' | '.'
  } | null
  movementCount: number
  movements: Array<{
    line: number
    date: string
    amount: string
    description: string
    reference: string | null
  }>
  rowErrors: Array<{ line: number; field: string; message: string }>
}

export async function listTreasuryAccounts(): Promise<TreasuryAccount[]> {
  return (await useApi().get('/finance/treasury-accounts')).data
}

export async function createTreasuryAccount(input: TreasuryAccountInput): Promise<TreasuryAccount> {
  return (await useApi().post('/finance/treasury-accounts', { body: input })).account
}

export async function updateTreasuryAccount(
  accountId: string,
  changes: { name?: string; receivesPayments?: boolean; archived?: boolean }
): Promise<TreasuryAccount> {
  return (
    await useApi().patch('/finance/treasury-accounts/{treasuryAccountId}', {
      path: { treasuryAccountId: accountId },
      body: changes,
    })
  ).account
}

export async function listCategories(): Promise<Category[]> {
  return (await useApi().get('/finance/categories')).data
}

export async function listTransactions(query: {
  from?: string
  to?: string
  kind?: 'income' | 'expense' | 'transfer'
  accountId?: string
  page?: number
}) {
  return useApi().get('/finance/transactions', { query })
}

export async function recordTransaction(input: TransactionInput): Promise<Transaction> {
  return (await useApi().post('/finance/transactions', { body: input })).transaction
}

/** Attaches a receipt photo or PDF to a transaction. */
export async function attachReceipt(transactionId: string, file: File): Promise<Transaction> {
  const form = new FormData()
  form.append('transactionId', transactionId)
  form.append('file', file)
  return (await useApi().post('/finance/receipts', { body: form as never })).transaction
}

/** A short-lived link to a receipt. */
export async function receiptUrl(transactionId: string, attachmentId: string): Promise<string> {
  return (
    await useApi().get('/finance/transactions/{transactionId}/attachments/{attachmentId}', {
      path: { transactionId, attachmentId },
    })
  ).url
}

function statementForm(file: File, accountId: string, choice: StatementReadingChoice) {
  const form = new FormData()
  form.append('file', file)
  form.append('accountId', accountId)
  for (const [field, column] of Object.entries(choice.mapping ?? {}))
    if (typeof column === 'number') form.append(`mapping[${field}]`, String(column))
  if (choice.dateFormat) form.append('dateFormat', choice.dateFormat)
  if (choice.decimalSeparator) form.append('decimalSeparator', choice.decimalSeparator)
  return form
}

export async function previewStatement(
  file: File,
  accountId: string,
  choice: StatementReadingChoice = {}
): Promise<StatementPreview> {
  return (await useApi().post('/finance/statements/preview', {
    body: statementForm(file, accountId, choice) as never,
  })) as unknown as StatementPreview
}

export async function importStatement(
  file: File,
  accountId: string,
  choice: StatementReadingChoice = {}
): Promise<StatementImport> {
  return (
    await useApi().post('/finance/statements', {
      body: statementForm(file, accountId, choice) as never,
    })
  ).import
}

export async function getStatement(importId: string) {
  return useApi().get('/finance/statements/{statementId}', { path: { statementId: importId } })
}

export async function confirmStatement(importId: string): Promise<StatementImport> {
  return (
    await useApi().post('/finance/statements/{statementId}/confirm', {
      path: { statementId: importId },
    })
  ).import
}

export async function cancelStatement(importId: string): Promise<void> {
  await useApi().delete('/finance/statements/{statementId}', { path: { statementId: importId } })
}

export async function getReconciliation(accountId: string): Promise<ReconciliationItem[]> {
  return (
    await useApi().get('/finance/treasury-accounts/{treasuryAccountId}/reconciliation', {
      path: { treasuryAccountId: accountId },
    })
  ).data
}

export async function matchLine(lineId: string, entryId: string): Promise<void> {
  await useApi().post('/finance/reconciliation/match', {
    body: { statementLineId: lineId, entryId },
  })
}

export async function lineToTransaction(
  lineId: string,
  input: { categoryId: string; description?: string | null }
) {
  return useApi().post('/finance/reconciliation/transaction', {
    body: { statementLineId: lineId, ...input },
  })
}

export async function listBudgets(year: number) {
  return useApi().get('/finance/budgets', { query: { year } })
}

export async function setBudget(input: { categoryId: string; month: string; amount: string }) {
  await useApi().put('/finance/budgets', { body: input })
}
