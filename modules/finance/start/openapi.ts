/*
 * The finance module's part of the API reference (loaded by the platform): one description per
 * route; the response schemas are the serializers' own (app/transformers).
 */
import './treasury_openapi.ts'
import { describeRoute, listOf, wrapped, type RouteDoc } from '@ia/kernel/contracts'
import {
  serializeAccount,
  serializeEntry,
  serializeFiscalYear,
  serializeJournal,
  serializeLedgerSettings,
} from '../app/transformers/ledger_transformer.ts'
import {
  createAccountValidator,
  listAccountsValidator,
  listEntriesValidator,
  postEntryValidator,
  reverseEntryValidator,
  updateSettingsValidator,
} from '../app/validators/ledger.ts'
import {
  ageingValidator,
  atDateReportValidator,
  generalLedgerValidator,
  periodReportValidator,
} from '../app/validators/reports.ts'

const tags = ['Finance']
const orgId = 'The organisation id (uuid).'
const entryId = 'The entry id (uuid).'
const forbidden = 'The caller lacks the permission: `E_FORBIDDEN`.'
const ledgerMissing = 'The organisation has not enabled finance: `E_LEDGER_MISSING`.'
const entry = wrapped('entry', serializeEntry.ref)
const route = (key: Parameters<typeof describeRoute>[0], doc: Omit<RouteDoc, 'tags'>) =>
  describeRoute(key, { tags, ...doc })

route('GET /api/v1/orgs/:orgId/finance/accounts', {
  operationId: 'listFinanceAccounts',
  summary: 'The chart of accounts',
  description:
    'The revised SYSCOHADA chart seeded when the organisation enabled finance, with the sub-accounts it added, by number. ' +
    '`search` matches the start of a number or part of a name.',
  permission: 'finance.ledger.read',
  params: { orgId },
  query: listAccountsValidator,
  responses: {
    200: { description: 'Every account, by number.', schema: listOf(serializeAccount.ref) },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/finance/accounts', {
  operationId: 'createFinanceAccount',
  summary: 'Add a sub-account',
  description:
    "The sub-account's number starts with its parent's and is longer (`E_SUB_ACCOUNT_CODE`); it takes the parent's type. " +
    'A number already used is a 422 `E_ACCOUNT_CODE_TAKEN`; an unknown parent a 422 `E_ACCOUNT_UNKNOWN` on `parentCode`.',
  permission: 'finance.account.manage',
  params: { orgId },
  request: createAccountValidator,
  requestExample: { parentCode: '521', code: '5211', nameFr: 'Rawbank USD', nameEn: 'Rawbank USD' },
  responses: {
    201: { description: 'The sub-account.', schema: wrapped('account', serializeAccount.ref) },
    403: forbidden,
    409: ledgerMissing,
    422: 'A field is invalid.',
  },
})
route('GET /api/v1/orgs/:orgId/finance/journals', {
  operationId: 'listFinanceJournals',
  summary: 'The journals',
  description:
    'Sales (VT), purchases (AC), bank (BQ), cash (CA), mobile money (MM), miscellaneous (OD), and any added.',
  permission: 'finance.ledger.read',
  params: { orgId },
  responses: {
    200: { description: 'Every journal, by code.', schema: listOf(serializeJournal.ref) },
    403: forbidden,
  },
})
route('GET /api/v1/orgs/:orgId/finance/entries', {
  operationId: 'listFinanceEntries',
  summary: 'Page through posted entries',
  description:
    'Newest first by date then number. Filters: period, journal code, an account number (and its sub-accounts), the source. ' +
    'Send `meta.nextCursor` back as `before` for the next page (null at the end).',
  permission: 'finance.ledger.read',
  params: { orgId },
  query: listEntriesValidator,
  responses: {
    200: {
      description: 'One page (50 by default).',
      schema: {
        type: 'object',
        properties: {
          data: { type: 'array', items: serializeEntry.ref },
          meta: {
            type: 'object',
            properties: { nextCursor: { type: ['string', 'null'] } },
            required: ['nextCursor'],
          },
        },
        required: ['data', 'meta'],
      },
    },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/finance/entries', {
  operationId: 'postFinanceEntry',
  summary: 'Post an entry',
  description:
    'Each line is a debit or a credit (`E_LINE_AMOUNT`) on an account of the chart (`E_ACCOUNT_UNKNOWN` on `lines.N.account`), in the ' +
    "entry's currency or its own; amounts in another currency are converted to the book currency at the date's rate (`E_RATE_NOT_FOUND` when there is none). " +
    'Debits equal credits in the book currency (`E_ENTRY_UNBALANCED` on `lines`; the database checks it again at commit). ' +
    'A date on or before the lock date is a 422 `E_PERIOD_LOCKED` on `date`. The entry is numbered per journal and year and never changes after.',
  permission: 'finance.entry.create',
  params: { orgId },
  request: postEntryValidator,
  requestExample: {
    journal: 'OD',
    date: '2026-03-05',
    description: 'Loyer de mars',
    currency: 'CDF',
    lines: [
      { account: '6222', debit: '500000.00' },
      { account: '5711', credit: '500000.00' },
    ],
  },
  responses: {
    201: { description: 'The posted entry.', schema: entry },
    403: forbidden,
    409: ledgerMissing,
    422: 'A field is invalid.',
  },
})
route('GET /api/v1/orgs/:orgId/finance/entries/:entryId', {
  operationId: 'getFinanceEntry',
  summary: 'An entry with its lines',
  permission: 'finance.ledger.read',
  params: { orgId, entryId },
  responses: {
    200: { description: 'The entry.', schema: entry },
    403: forbidden,
    404: 'No such entry in the organisation.',
  },
})
route('POST /api/v1/orgs/:orgId/finance/entries/:entryId/reverse', {
  operationId: 'reverseFinanceEntry',
  summary: 'Reverse an entry',
  description:
    'Posts the mirror entry (debits and credits swapped, same amounts and rates) on `date` (today by default), linked to the original. ' +
    'An entry is reversed once (409 `E_ENTRY_ALREADY_REVERSED`); a reversal is not reversed (409 `E_ENTRY_IS_REVERSAL`).',
  permission: 'finance.entry.reverse',
  params: { orgId, entryId },
  request: reverseEntryValidator,
  requestExample: { description: 'Erreur de compte' },
  responses: {
    201: { description: 'The reversal.', schema: entry },
    403: forbidden,
    404: 'No such entry in the organisation.',
    409: 'Already reversed, or a reversal.',
    422: 'A field is invalid.',
  },
})
route('GET /api/v1/orgs/:orgId/finance/settings', {
  operationId: 'getFinanceSettings',
  summary: 'Ledger settings',
  permission: 'finance.ledger.read',
  params: { orgId },
  responses: {
    200: { description: 'The settings.', schema: wrapped('settings', serializeLedgerSettings.ref) },
    403: forbidden,
    409: ledgerMissing,
  },
})
route('PATCH /api/v1/orgs/:orgId/finance/settings', {
  operationId: 'updateFinanceSettings',
  summary: 'Move the lock date, choose the sales account',
  description:
    'The lock date only moves forward (`E_LOCK_DATE_BACKWARDS`). The sales account is a class 7 account of the chart (`E_ACCOUNT_UNKNOWN` on `salesAccount`).',
  permission: 'finance.settings.manage',
  params: { orgId },
  request: updateSettingsValidator,
  requestExample: { salesAccount: '7061' },
  responses: {
    200: { description: 'The settings.', schema: wrapped('settings', serializeLedgerSettings.ref) },
    403: forbidden,
    409: ledgerMissing,
    422: 'A field is invalid.',
  },
})
route('GET /api/v1/orgs/:orgId/finance/fiscal-years', {
  operationId: 'listFinanceFiscalYears',
  summary: 'Fiscal years',
  description: 'Calendar years (OHADA), opened by the first entry dated in them.',
  permission: 'finance.ledger.read',
  params: { orgId },
  responses: {
    200: { description: 'Newest first.', schema: listOf(serializeFiscalYear.ref) },
    403: forbidden,
  },
})
route('POST /api/v1/orgs/:orgId/finance/fiscal-years/:year/close', {
  operationId: 'closeFinanceFiscalYear',
  summary: 'Close a fiscal year',
  description:
    'Nothing is posted into a closed year again: the lock date moves to its last day if it was earlier.',
  permission: 'finance.settings.manage',
  params: { orgId, year: 'The year, e.g. 2026.' },
  responses: {
    200: {
      description: 'The closed year.',
      schema: wrapped('fiscalYear', serializeFiscalYear.ref),
    },
    403: forbidden,
    404: 'No such fiscal year.',
  },
})

const reportFormats =
  ' `format=csv|xlsx|pdf` answers the report as a file (its table; `lang=fr|en` for the labels and the PDF, the request language by default); ' +
  '`currency=reporting` adds up the amounts in the reporting currency (converted at each entry date) instead of the book currency. ' +
  'Figures come from the per-account daily rollups, never from a scan of the entries.'
const reportResponse = (description: string) => ({
  200: {
    description: `${description} As \`{ report }\` in JSON, or the file.`,
    schema: { type: 'object', properties: { report: { type: 'object' } }, required: ['report'] },
  },
  403: forbidden,
  409: ledgerMissing,
})

route('GET /api/v1/orgs/:orgId/finance/reports/trial-balance', {
  operationId: 'financeTrialBalance',
  summary: 'Trial balance (balance générale)',
  description:
    'Every account with a movement: its balance before `from` (debit positive), its debits and credits in the period, its balance at `to`. ' +
    'The totals of debits and credits are equal and the balances sum to zero.' +
    reportFormats,
  permission: 'finance.report.read',
  params: { orgId },
  query: periodReportValidator,
  responses: reportResponse('The trial balance.'),
})
route('GET /api/v1/orgs/:orgId/finance/reports/general-ledger', {
  operationId: 'financeGeneralLedger',
  summary: 'General ledger of an account (grand livre)',
  description:
    'The lines of `account` and its sub-accounts in the period, by date, with the balance before the period and a running balance; ' +
    'at most `limit` lines (1,000 by default, `truncated` says when more exist).' +
    reportFormats,
  permission: 'finance.report.read',
  params: { orgId },
  query: generalLedgerValidator,
  responses: reportResponse('The account’s lines.'),
})
route('GET /api/v1/orgs/:orgId/finance/reports/income-statement', {
  operationId: 'financeIncomeStatement',
  summary: 'Income statement (compte de résultat SYSCOHADA)',
  description:
    'The reference lines TA to RS of the revised SYSCOHADA statement with the accounts behind each, and the totals XA (trading margin) to XI (net result).' +
    reportFormats,
  permission: 'finance.report.read',
  params: { orgId },
  query: periodReportValidator,
  responses: reportResponse('The income statement.'),
})
route('GET /api/v1/orgs/:orgId/finance/reports/balance-sheet', {
  operationId: 'financeBalanceSheet',
  summary: 'Balance sheet (bilan SYSCOHADA)',
  description:
    'Assets AD to BU and liabilities CA to DV at `at` (today by default); accounts of classes 4 and 5 go to the asset or liability side by the sign of ' +
    'their balance, and the result not yet allocated shows in CJ. Total assets equal total liabilities.' +
    reportFormats,
  permission: 'finance.report.read',
  params: { orgId },
  query: atDateReportValidator,
  responses: reportResponse('The balance sheet.'),
})
route('GET /api/v1/orgs/:orgId/finance/reports/vat', {
  operationId: 'financeVatSummary',
  summary: 'TVA per month',
  description:
    'Per month of the period: TVA collected (443x), deductible (445x) and due (collected less deductible).' +
    reportFormats,
  permission: 'finance.report.read',
  params: { orgId },
  query: periodReportValidator,
  responses: reportResponse('The months.'),
})
route('GET /api/v1/orgs/:orgId/finance/reports/ageing', {
  operationId: 'financeAgeing',
  summary: 'Receivables or payables by age',
  description:
    'What each customer owes (411) or is owed to each supplier (401) at `at`, per open document, by days past its due date: not due, 1-30, 31-60, 61-90, over 90.' +
    reportFormats,
  permission: 'finance.report.read',
  params: { orgId },
  query: ageingValidator,
  responses: reportResponse('The partners and totals.'),
})
route('GET /api/v1/orgs/:orgId/finance/reports/dashboard', {
  operationId: 'financeDashboard',
  summary: 'Dashboard figures of a period',
  description:
    'Revenue (class 7), expenses (class 6) and profit per month of the period, with their totals, and the money held at `to` per treasury account ' +
    '(banks 52, electronic money 55, cash 57) and in total; JSON only. `currency=reporting` for the reporting currency. From the daily rollups.',
  permission: 'finance.report.read',
  params: { orgId },
  query: periodReportValidator,
  responses: reportResponse('The months and the cash position.'),
})
