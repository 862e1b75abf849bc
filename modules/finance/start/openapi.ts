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
