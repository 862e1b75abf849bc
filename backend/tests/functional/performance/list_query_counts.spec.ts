import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'
import { auditLog, jobs, notifications, search } from '@ia/platform/contracts'
import { Invitation, User, inspectRoutes } from '@ia/platform/testing'
import {
  addMember,
  createOrganization,
  createOwnerWithOrganization,
  createUser,
  enableModule,
} from '@ia/platform/testing'
import { makePlatformAdmin, marketplaceRows } from '@ia/marketplace/testing'

type Owner = Awaited<ReturnType<typeof createOwnerWithOrganization>>

/** Invoicing and the modules it needs. */
async function enableInvoicing({ owner, organization }: Owner) {
  for (const moduleId of ['contacts', 'currencies', 'invoicing'])
    await enableModule(organization, moduleId, owner)
}

/** Mobile-money payments and the modules it needs. */
async function enablePayments(owner: Owner) {
  await enableInvoicing(owner)
  await enableModule(owner.organization, 'payments', owner.owner)
}

/** Finance and the modules it needs. */
async function enableFinance({ owner, organization }: Owner) {
  for (const moduleId of ['contacts', 'currencies', 'finance'])
    await enableModule(organization, moduleId, owner)
}

/** The marketplace vendor of the owner being measured, and one of its modules (set by each marketplace list's `prepare`). */
let vendorId = ''
let listingId = ''
/** The owner becomes a platform administrator and an approved vendor, with the marketplace enabled. */
const marketplaceOwner = async ({ owner, organization }: Owner) => {
  await makePlatformAdmin(owner)
  await enableModule(organization, 'marketplace', owner)
  vendorId = (await marketplaceRows.vendor(owner, 0)).id
}

/** Each list endpoint with a way to add one more row to it. */
const LISTS: {
  name: string
  route: string
  url: (orgId: string) => string
  add: (owner: Owner, index: number) => Promise<unknown>
  prepare?: (owner: Owner) => Promise<unknown>
}[] = [
  {
    name: 'organisations',
    route: 'GET /api/v1/orgs',
    url: () => '/api/v1/orgs',
    add: ({ owner }, index) => createOrganization(owner, `Filiale ${index}`),
  },
  {
    name: 'access tokens',
    route: 'GET /api/v1/auth/tokens',
    url: () => '/api/v1/auth/tokens',
    add: ({ owner }, index) => User.accessTokens.create(owner, ['*'], { name: `Jeton ${index}` }),
  },
  {
    name: 'search',
    route: 'GET /api/v1/orgs/:orgId/search',
    url: (orgId) => `/api/v1/orgs/${orgId}/search?q=societe&limit=50`,
    prepare: ({ owner, organization }) => enableModule(organization, 'contacts', owner),
    add: ({ organization }, index) => {
      const id = randomUUID()
      return search.index(organization.id, 'contacts.contact', id, {
        title: `Société ${index}`,
        url: `/contacts/${id}`,
      })
    },
  },
  {
    name: 'members',
    route: 'GET /api/v1/orgs/:orgId/members',
    url: (orgId) => `/api/v1/orgs/${orgId}/members`,
    add: async ({ organization }) => addMember(organization, await createUser(), 'member'),
  },
  {
    name: 'invitations',
    route: 'GET /api/v1/orgs/:orgId/invitations',
    url: (orgId) => `/api/v1/orgs/${orgId}/invitations`,
    add: ({ organization, owner }, index) =>
      Invitation.create({
        organizationId: organization.id,
        email: `invite${index}-${Date.now()}@example.cd`,
        role: 'member',
        tokenHash: `${Date.now()}${index}`.padEnd(64, '0'),
        invitedById: owner.id,
        expiresAt: DateTime.now().plus({ days: 7 }),
      }),
  },
  {
    name: 'audit log',
    route: 'GET /api/v1/orgs/:orgId/audit-log',
    url: (orgId) => `/api/v1/orgs/${orgId}/audit-log?perPage=100`,
    add: ({ organization, owner }, index) =>
      auditLog.record({
        organizationId: organization.id,
        actorId: owner.id,
        action: 'test.entry',
        subjectId: String(index),
      }),
  },
  {
    name: 'jobs',
    route: 'GET /api/v1/orgs/:orgId/jobs',
    url: (orgId) => `/api/v1/orgs/${orgId}/jobs?perPage=100`,
    add: ({ organization, owner }, index) =>
      jobs.dispatch(
        'platform.send_mail',
        { index },
        { organizationId: organization.id, userId: owner.id }
      ),
  },
  {
    name: 'exchange rates',
    route: 'GET /api/v1/orgs/:orgId/currencies/rates',
    url: (orgId) => `/api/v1/orgs/${orgId}/currencies/rates?perPage=100`,
    prepare: ({ owner, organization }) => enableModule(organization, 'currencies', owner),
    add: ({ organization }, index) =>
      db.table('currencies.rates').insert({
        organization_id: organization.id,
        base_currency: 'USD',
        quote_currency: 'CDF',
        rate: `${2800 + index}.25`,
        rate_date: DateTime.fromISO('2026-01-01').plus({ days: index }).toISODate(),
        source: 'Banque Centrale du Congo - taux indicatif',
        origin: 'manual',
        created_at: new Date(),
        updated_at: new Date(),
      }),
  },
  {
    name: 'notifications',
    route: 'GET /api/v1/auth/notifications',
    url: () => `/api/v1/auth/notifications?perPage=100`,
    add: ({ owner }, index) =>
      notifications.notify(owner.id, {
        title: { fr: `Note ${index}`, en: `Note ${index}` },
        body: { fr: 'Corps', en: 'Body' },
      }),
  },
  {
    name: 'invoices',
    route: 'GET /api/v1/orgs/:orgId/invoicing/documents',
    url: (orgId) => `/api/v1/orgs/${orgId}/invoicing/documents?perPage=100`,
    prepare: enableInvoicing,
    add: ({ organization }, index) =>
      db.table('invoicing.documents').insert({
        organization_id: organization.id,
        kind: 'invoice',
        status: 'draft',
        invoice_type: 'sale',
        client_category: 'PM',
        customer_id: randomUUID(),
        customer_name: `Client ${index}`,
        issue_date: '2026-03-01',
        currency: 'CDF',
        reporting_currency: 'USD',
        created_at: new Date(),
        updated_at: new Date(),
      }),
  },
  {
    name: 'recurring invoices',
    route: 'GET /api/v1/orgs/:orgId/invoicing/recurring-invoices',
    url: (orgId) => `/api/v1/orgs/${orgId}/invoicing/recurring-invoices`,
    prepare: enableInvoicing,
    add: ({ organization }, index) =>
      db.table('invoicing.recurring_invoices').insert({
        organization_id: organization.id,
        customer_id: randomUUID(),
        customer_name: `Abonné ${index}`,
        frequency: 'monthly',
        start_date: '2026-03-01',
        next_issue_date: '2026-03-01',
        status: 'active',
        currency: 'CDF',
        lines: JSON.stringify([{ description: 'Abonnement', quantity: '1', unitPrice: '10' }]),
        created_at: new Date(),
        updated_at: new Date(),
      }),
  },
  {
    name: 'chart of accounts',
    route: 'GET /api/v1/orgs/:orgId/finance/accounts',
    url: (orgId) => `/api/v1/orgs/${orgId}/finance/accounts`,
    prepare: enableFinance,
    add: ({ organization }, index) =>
      db.table('finance.accounts').insert({
        organization_id: organization.id,
        code: `5711${index + 10}`,
        class: 5,
        name_fr: `Caisse ${index}`,
        name_en: `Cash box ${index}`,
        account_type: 'asset_cash',
        origin: 'organization',
      }),
  },
  {
    name: 'journal entries',
    route: 'GET /api/v1/orgs/:orgId/finance/entries',
    url: (orgId) => `/api/v1/orgs/${orgId}/finance/entries?limit=200`,
    prepare: enableFinance,
    add: async ({ organization }, index) => {
      const { rows } = await db.rawQuery(
        `INSERT INTO finance.entries (organization_id, journal_id, number, entry_date, description, currency,
           book_currency, reporting_currency, reporting_rate)
         SELECT organization_id, id, ?, '2026-03-05', 'Vente', 'CDF', 'CDF', 'CDF', 1 FROM finance.journals
         WHERE organization_id = ? AND code = 'CA' RETURNING id`,
        [`CA-2026-${index}`, organization.id]
      )
      await db.rawQuery(
        `INSERT INTO finance.entry_lines (organization_id, entry_id, entry_date, line_no, account_id, debit_minor,
           credit_minor, currency, amount_minor, reporting_debit_minor, reporting_credit_minor)
         SELECT a.organization_id, ?, '2026-03-05', row_number() OVER (ORDER BY a.code), a.id,
           CASE WHEN a.code = '5711' THEN 100 ELSE 0 END, CASE WHEN a.code = '7011' THEN 100 ELSE 0 END, 'CDF',
           CASE WHEN a.code = '5711' THEN 100 ELSE -100 END,
           CASE WHEN a.code = '5711' THEN 100 ELSE 0 END, CASE WHEN a.code = '7011' THEN 100 ELSE 0 END
         FROM finance.accounts a WHERE a.organization_id = ? AND a.code IN ('5711', '7011')`,
        [rows[0].id, organization.id]
      )
    },
  },
  {
    name: 'catalogue',
    route: 'GET /api/v1/orgs/:orgId/invoicing/products',
    url: (orgId) => `/api/v1/orgs/${orgId}/invoicing/products`,
    prepare: enableInvoicing,
    add: ({ organization }, index) =>
      db.table('invoicing.products').insert({
        organization_id: organization.id,
        kind: 'product',
        code: `P${index}`,
        name_fr: `Produit ${index}`,
        name_en: `Product ${index}`,
        unit: 'u',
        price_minor: 100,
        currency: 'CDF',
        tax_group: 'B',
        created_at: new Date(),
        updated_at: new Date(),
      }),
  },
  {
    name: 'mobile-money payment requests',
    route: 'GET /api/v1/orgs/:orgId/payments/requests',
    url: (orgId) => `/api/v1/orgs/${orgId}/payments/requests`,
    prepare: enablePayments,
    add: ({ organization }, index) =>
      db.table('payments.payment_requests').insert({
        organization_id: organization.id,
        document_id: randomUUID(),
        document_number: `FA-2026-${index}`,
        order_id: randomUUID(),
        provider_id: 9,
        phone: '+243812345678',
        amount_minor: 100,
        currency: 'CDF',
        status: 'paid',
        created_at: new Date(),
        updated_at: new Date(),
      }),
  },
  {
    name: 'supplier payouts',
    route: 'GET /api/v1/orgs/:orgId/payments/payouts',
    url: (orgId) => `/api/v1/orgs/${orgId}/payments/payouts`,
    prepare: enablePayments,
    add: ({ organization, owner }, index) =>
      db.table('payments.payouts').insert({
        organization_id: organization.id,
        order_id: randomUUID(),
        beneficiary_name: `Fournisseur ${index}`,
        provider_id: 9,
        phone: '+243812345678',
        amount_minor: 100,
        currency: 'CDF',
        reason: 'Livraison',
        requested_by: owner.id,
        created_at: new Date(),
        updated_at: new Date(),
      }),
  },
  {
    name: 'mobile-money operator log',
    route: 'GET /api/v1/orgs/:orgId/payments/gateway-events',
    url: (orgId) => `/api/v1/orgs/${orgId}/payments/gateway-events`,
    prepare: enablePayments,
    add: ({ organization }) =>
      db.table('payments.gateway_events').insert({
        organization_id: organization.id,
        kind: 'callback',
        outcome: 'bad_signature',
        detail: JSON.stringify({}),
        created_at: new Date(),
      }),
  },
  {
    name: 'marketplace vendors',
    route: 'GET /api/v1/admin/marketplace/vendors',
    url: () => '/api/v1/admin/marketplace/vendors',
    prepare: marketplaceOwner,
    add: async (_owner, index) => marketplaceRows.vendor(await createUser(), index + 1),
  },
  {
    name: 'marketplace submissions',
    route: 'GET /api/v1/admin/marketplace/submissions',
    url: () => '/api/v1/admin/marketplace/submissions',
    prepare: marketplaceOwner,
    add: (_owner, index) => marketplaceRows.module(vendorId, `mesure-module${index}`, 'submitted'),
  },
  {
    name: 'marketplace releases',
    route: 'GET /api/v1/admin/marketplace/releases',
    url: () => '/api/v1/admin/marketplace/releases',
    prepare: marketplaceOwner,
    add: (_owner, index) => marketplaceRows.module(vendorId, `mesure-module${index}`),
  },
  {
    name: "a vendor's modules",
    route: 'GET /api/v1/marketplace/vendor/listings',
    url: () => '/api/v1/marketplace/vendor/listings',
    prepare: marketplaceOwner,
    add: (_owner, index) => marketplaceRows.module(vendorId, `mesure-module${index}`),
  },
  {
    name: 'marketplace catalogue',
    route: 'GET /api/v1/orgs/:orgId/marketplace/modules',
    url: (orgId) => `/api/v1/orgs/${orgId}/marketplace/modules`,
    prepare: marketplaceOwner,
    add: (_owner, index) => marketplaceRows.module(vendorId, `mesure-module${index}`),
  },
  {
    name: 'vendor module installs',
    route: 'GET /api/v1/orgs/:orgId/marketplace/installs',
    url: (orgId) => `/api/v1/orgs/${orgId}/marketplace/installs`,
    prepare: marketplaceOwner,
    add: async ({ organization }, index) =>
      marketplaceRows.install(
        organization.id,
        (await marketplaceRows.module(vendorId, `mesure-module${index}`)).id
      ),
  },
  {
    name: 'webhook deliveries',
    route: 'GET /api/v1/marketplace/vendor/listings/:listingId/deliveries',
    url: () => `/api/v1/marketplace/vendor/listings/${listingId}/deliveries`,
    prepare: async (owner) => {
      await marketplaceOwner(owner)
      listingId = (await marketplaceRows.module(vendorId, 'mesure-module')).listingId
    },
    add: ({ organization }) => marketplaceRows.delivery(listingId, organization.id),
  },
  {
    name: 'API keys',
    route: 'GET /api/v1/orgs/:orgId/marketplace/api-keys',
    url: (orgId) => `/api/v1/orgs/${orgId}/marketplace/api-keys`,
    prepare: marketplaceOwner,
    add: ({ organization, owner }, index) => marketplaceRows.apiKey(organization.id, owner, index),
  },
]

/**
 * Collection routes measured elsewhere or whose size does not follow the organisation's data; every
 * other GET route that ends without an id is a list, and must be in LISTS.
 */
const NOT_DATA_LISTS: Record<string, string> = {
  'GET /api/v1/orgs/:orgId/contacts':
    'measured by modules/contacts/tests/functional/contacts/list.spec.ts',
  'GET /api/v1/orgs/:orgId/contacts/export.csv':
    'streams in fixed-size batches: its queries grow with the rows by design',
  'GET /api/v1/orgs/:orgId/contacts/import/template.csv': 'a header line, no query',
  'GET /api/v1/orgs/:orgId/contacts/imports/:importId/rejected.csv':
    "one import's row, its refused rows kept on it",
  'GET /api/v1/orgs/:orgId/modules': 'one row per installed module of the product, not per record',
  'GET /api/v1/orgs/:orgId/shell-manifest':
    'one entry per installed module of the product, not per record',
  'GET /api/v1/auth/providers': 'the configured sign-in providers',
  'GET /api/v1/auth/me': 'one record',
  'GET /api/v1/orgs/:orgId/fiscal/settings': 'one record',
  'GET /api/v1/orgs/:orgId/fiscal/documents/:documentId/normalisation': 'one record',
  'GET /api/v1/orgs/:orgId/fiscal/normalisations':
    'one query of at most 200 rows of its own table, nothing read per row',
  'GET /api/v1/orgs/:orgId/invoicing/documents/:documentId/pdf': 'one document, printed',
  'GET /api/v1/public/invoicing/:token/pdf': 'one document, printed',
  'GET /api/v1/public/modules/:moduleId/remote':
    "one module's remote, read from its built files, no query",
  'GET /api/v1/auth/me/deletion': 'one line per organisation of the user, read in two queries',
  'GET /api/v1/auth/csrf': 'one token',
  'GET /api/v1/marketplace/access': "one user's vendor profile and flag",
  'GET /api/v1/orgs/:orgId/marketplace/scopes': 'the fixed list of known scopes, no query',
  'GET /api/v1/orgs/:orgId': 'one record',
  'GET /api/v1/orgs/:orgId/logo': 'one file',
  'GET /api/v1/orgs/:orgId/onboarding':
    'one checklist of five steps, read in one query (modules/platform/tests/functional/first_day/checklist.spec.ts)',
  'GET /api/v1/openapi.json': 'a document built from the router',
  'GET /api/v1/docs': 'a page',
  'GET /api/v1/docs/scalar.js': 'a static script file, no query',
  'GET /api/v1/auth/oauth/:provider/redirect': 'a redirect to the provider',
  'GET /api/v1/auth/oauth/:provider/callback': 'one sign-in',
  'GET /api/v1/files/*': 'one file',
  'GET /api/v1/orgs/:orgId/currencies/iso': 'the ISO 4217 list, from memory, no query',
  'GET /api/v1/orgs/:orgId/currencies/settings':
    'one record: the currencies an organisation uses (a handful) and its settings, in three queries',
  'GET /api/v1/orgs/:orgId/currencies/rates/history': 'one query for at most 366 days of one pair',
  'GET /api/v1/orgs/:orgId/currencies/rates/at':
    'one rate, at most four queries (direct or inverse, then the two legs of a cross rate)',
  'GET /api/v1/orgs/:orgId/invoicing/tax-groups':
    'the sixteen DGI tax groups with their rates: two queries (groups, then their rates preloaded)',
  'GET /api/v1/orgs/:orgId/invoicing/series': 'the three numbering series, one query',
  'GET /api/v1/orgs/:orgId/invoicing/reminders': "one record: the organisation's reminder schedule",
  'GET /api/v1/orgs/:orgId/invoicing/settings': "one organisation's defaults, not a list",
  'GET /api/v1/orgs/:orgId/invoicing/documents/:documentId/payments':
    "one invoice's payments: three queries whatever their number (payments, their parts, the invoices' currencies)",
  'GET /api/v1/marketplace/vendor': 'one record',
  'GET /api/v1/orgs/:orgId/payments/settings':
    "one record and the gateway's operators (a fixed list), one query",
  'GET /api/v1/orgs/:orgId/finance/journals':
    'the six journals and the few an organisation adds, one query',
  'GET /api/v1/orgs/:orgId/finance/settings': 'one record',
  'GET /api/v1/orgs/:orgId/finance/fiscal-years': 'one row per calendar year, one query',
  'GET /api/v1/orgs/:orgId/finance/reports/trial-balance':
    'a fixed number of aggregate queries over the daily rollups (modules/finance/tests/functional/reports)',
  'GET /api/v1/orgs/:orgId/finance/reports/general-ledger':
    "one account's lines in three queries (accounts, opening rollup, lines), at most `limit` lines",
  'GET /api/v1/orgs/:orgId/finance/reports/income-statement':
    'aggregate queries over the daily rollups',
  'GET /api/v1/orgs/:orgId/finance/reports/balance-sheet':
    'aggregate queries over the daily rollups',
  'GET /api/v1/orgs/:orgId/finance/reports/vat': 'one aggregate query over the daily rollups',
  'GET /api/v1/orgs/:orgId/finance/reports/ageing':
    'one aggregate query over the open lines, then the partners in one query',
  'GET /api/v1/orgs/:orgId/finance/reports/dashboard':
    'two aggregate queries over the daily rollups',
  'GET /api/v1/orgs/:orgId/finance/treasury-accounts':
    "the organisation's few cash boxes, banks and wallets, balances from the rollups in the same query",
  'GET /api/v1/orgs/:orgId/finance/treasury-accounts/:treasuryAccountId/reconciliation':
    "at most 200 open lines and the account's open entries: two queries, matched in memory",
  'GET /api/v1/orgs/:orgId/finance/categories':
    'the seventeen default categories and the few an organisation adds, one query (two on first use)',
  'GET /api/v1/orgs/:orgId/finance/transactions':
    'pages of 50 read in one query (category, entry number and receipts joined in it)',
  'GET /api/v1/orgs/:orgId/finance/budgets':
    "a year's budgets against actuals in one aggregate query over the rollups",
  'GET /api/v1/orgs/:orgId/finance/dashboard':
    'a fixed number of aggregate queries over the rollups, and one rate per currency and month',
}

test.group('List endpoints / query count', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every list route of the API is measured here or says why not', ({ assert }) => {
    const measured = new Set(LISTS.map((list) => list.route))
    const unmeasured = inspectRoutes()
      .filter(
        (route) =>
          route.method === 'GET' &&
          route.pattern.startsWith('/api/v1/') &&
          !/\/:[A-Za-z]+$/.test(route.pattern)
      )
      .map((route) => route.key)
      .filter((key) => !measured.has(key) && !(key in NOT_DATA_LISTS))
    assert.deepEqual(
      unmeasured,
      [],
      'Add these list routes to LISTS, or to NOT_DATA_LISTS with the reason'
    )
    const known = new Set(inspectRoutes().map((route) => route.key))
    assert.deepEqual(
      [...measured, ...Object.keys(NOT_DATA_LISTS)].filter((key) => !known.has(key)),
      [],
      'no such route'
    )
  })

  for (const list of LISTS) {
    test('{name} runs as many queries for 12 rows as for 2')
      .with([list])
      .run(async ({ client, assert }, { url, add, prepare }) => {
        const owner = await createOwnerWithOrganization()
        await prepare?.(owner)
        const trx = await db.beginGlobalTransaction()
        trx.debug = true
        const seen: string[] = []
        const listener = (query: { sql: string }) => seen.push(query.sql)
        emitter.on('db:query', listener)
        const measure = async () => {
          seen.length = 0
          const response = await client.get(url(owner.organization.id)).loginAs(owner.owner)
          response.assertStatus(200)
          return { queries: seen.length, rows: response.body().data.length as number }
        }
        try {
          for (let index = 0; index < 2; index++) await add(owner, index)
          await measure()
          const small = await measure()
          for (let index = 2; index < 12; index++) await add(owner, index)
          const large = await measure()
          assert.isAbove(large.rows, small.rows)
          assert.equal(large.queries, small.queries)
        } finally {
          emitter.off('db:query', listener)
          trx.debug = false
        }
      })
  }
})
