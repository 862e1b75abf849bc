import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'
import { auditLog, jobs, notifications, search } from '@ia/platform/contracts'
import { Invitation, User, inspectRoutes } from '@ia/platform/testing'
import { addMember, createOrganization, createOwnerWithOrganization, createUser, enableModule } from '@ia/platform/testing'
import { makePlatformAdmin, marketplaceRows } from '@ia/marketplace/testing'

type Owner = Awaited<ReturnType<typeof createOwnerWithOrganization>>

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
const LISTS: { name: string; route: string; url: (orgId: string) => string; add: (owner: Owner, index: number) => Promise<unknown>; prepare?: (owner: Owner) => Promise<unknown> }[] = [
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
      return search.index(organization.id, 'contacts.contact', id, { title: `Société ${index}`, url: `/contacts/${id}` })
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
      auditLog.record({ organizationId: organization.id, actorId: owner.id, action: 'test.entry', subjectId: String(index) }),
  },
  {
    name: 'jobs',
    route: 'GET /api/v1/orgs/:orgId/jobs',
    url: (orgId) => `/api/v1/orgs/${orgId}/jobs?perPage=100`,
    add: ({ organization, owner }, index) =>
      jobs.dispatch('platform.send_mail', { index }, { organizationId: organization.id, userId: owner.id }),
  },
  {
    name: 'notifications',
    route: 'GET /api/v1/auth/notifications',
    url: () => `/api/v1/auth/notifications?perPage=100`,
    add: ({ owner }, index) =>
      notifications.notify(owner.id, { title: { fr: `Note ${index}`, en: `Note ${index}` }, body: { fr: 'Corps', en: 'Body' } }),
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
    add: async ({ organization }, index) => marketplaceRows.install(organization.id, (await marketplaceRows.module(vendorId, `mesure-module${index}`)).id),
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
  'GET /api/v1/orgs/:orgId/contacts': 'measured by modules/contacts/tests/functional/contacts/list.spec.ts',
  'GET /api/v1/orgs/:orgId/contacts/export.csv': 'streams in fixed-size batches: its queries grow with the rows by design',
  'GET /api/v1/orgs/:orgId/modules': 'one row per installed module of the product, not per record',
  'GET /api/v1/orgs/:orgId/shell-manifest': 'one entry per installed module of the product, not per record',
  'GET /api/v1/auth/providers': 'the configured sign-in providers',
  'GET /api/v1/auth/me': 'one record',
  'GET /api/v1/auth/csrf': 'one token',
  'GET /api/v1/orgs/:orgId': 'one record',
  'GET /api/v1/orgs/:orgId/logo': 'one file',
  'GET /api/v1/orgs/:orgId/onboarding': 'one checklist of five steps, read in one query (modules/platform/tests/functional/first_day/checklist.spec.ts)',
  'GET /api/v1/openapi.json': 'a document built from the router',
  'GET /api/v1/docs': 'a page',
  'GET /api/v1/docs/scalar.js': 'a static script file, no query',
  'GET /api/v1/auth/oauth/:provider/redirect': 'a redirect to the provider',
  'GET /api/v1/auth/oauth/:provider/callback': 'one sign-in',
  'GET /api/v1/files/*': 'one file',
  'GET /api/v1/marketplace/vendor': 'one record',
}

test.group('List endpoints / query count', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every list route of the API is measured here or says why not', ({ assert }) => {
    const measured = new Set(LISTS.map((list) => list.route))
    const unmeasured = inspectRoutes()
      .filter((route) => route.method === 'GET' && route.pattern.startsWith('/api/v1/') && !/\/:[A-Za-z]+$/.test(route.pattern))
      .map((route) => route.key)
      .filter((key) => !measured.has(key) && !(key in NOT_DATA_LISTS))
    assert.deepEqual(unmeasured, [], 'Add these list routes to LISTS, or to NOT_DATA_LISTS with the reason')
    const known = new Set(inspectRoutes().map((route) => route.key))
    assert.deepEqual([...measured, ...Object.keys(NOT_DATA_LISTS)].filter((key) => !known.has(key)), [], 'no such route')
  })

  for (const list of LISTS) {
    test('{name} runs as many queries for 12 rows as for 2').with([list]).run(async ({ client, assert }, { url, add, prepare }) => {
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
