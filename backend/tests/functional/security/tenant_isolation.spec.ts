/*
 * Tenant isolation, generated from the router's own route list: every signed-in route that names a
 * record by id is called by an outsider, with the owner's organisation and with the owner's ids in
 * the outsider's own organisation, and every other route of an organisation with the owner's
 * organisation. Each answer must be 404 and the owner's rows must not change.
 * A route whose id parameter is not in ID_SOURCES fails the suite: new routes are covered the day
 * they are added, by adding one line there.
 */
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import { User, type Organization } from '@ia/platform/testing'
import {
  addMember,
  createOwnerWithOrganization,
  createUser,
  enableModule,
  runQueuedJobs,
} from '@ia/platform/testing'
import { notifications } from '@ia/platform/contracts'
import { marketplaceWorld } from '@ia/marketplace/testing'
import { customerLinkToken } from '@ia/invoicing/testing'
import {
  inspectRoutes,
  isApiRoute,
  buildOpenApiDocument,
  openApiPath,
  type InspectedRoute,
} from '@ia/platform/testing'

/** Organisation A with its owner a (the victim), organisation B with its owner b (the outsider). */
type World = { client: ApiClient; a: User; b: User; orgA: Organization; orgB: Organization }

/** Who calls: a user through the shell's session, or through a personal access token. */
type Caller = { user: User } | { token: string }

/** A draft invoice of A, in CDF with a rate to its reporting currency, that its owner can issue. */
async function invoicingDraft({ client, a, orgA }: World) {
  await client
    .post(`/api/v1/orgs/${orgA.id}/currencies/rates`)
    .json({ baseCurrency: 'USD', quoteCurrency: 'CDF', rate: '2850', date: '2026-01-02' })
    .loginAs(a)
    .withCsrfToken()
  const customer = await client
    .post(`/api/v1/orgs/${orgA.id}/contacts`)
    .json({ kind: 'company', name: 'Client de A', isCustomer: true })
    .loginAs(a)
    .withCsrfToken()
  customer.assertStatus(201)
  const response = await client
    .post(`/api/v1/orgs/${orgA.id}/invoicing/documents`)
    .json({
      kind: 'invoice',
      customerId: customer.body().contact.id,
      currency: 'CDF',
      lines: [{ description: 'Service', quantity: '1', unitPrice: '500' }],
    })
    .loginAs(a)
    .withCsrfToken()
  response.assertStatus(201)
  return response.body().document as { id: string }
}

/** A's treasury: a cash box, an expense with its receipt, an analysed statement awaiting confirmation (made once per world). */
const treasuryWorlds = new WeakMap<World, ReturnType<typeof makeTreasuryWorld>>()
async function makeTreasuryWorld({ client, a, orgA }: World) {
  const url = `/api/v1/orgs/${orgA.id}/finance`
  await client
    .post(`/api/v1/orgs/${orgA.id}/currencies/rates`)
    .json({ baseCurrency: 'USD', quoteCurrency: 'CDF', rate: '2850', date: '2026-01-02' })
    .loginAs(a)
    .withCsrfToken()
  const account = await client
    .post(`${url}/treasury-accounts`)
    .json({ kind: 'cash', name: 'Caisse de A', currency: 'CDF', openingDate: '2026-01-02' })
    .loginAs(a)
    .withCsrfToken()
  account.assertStatus(201)
  const accountId: string = account.body().account.id
  const categories = await client.get(`${url}/categories`).loginAs(a)
  const rent = categories.body().data.find((row: { key: string }) => row.key === 'rent')
  const expense = await client
    .post(`${url}/transactions`)
    .json({
      kind: 'expense',
      date: '2026-01-03',
      accountId,
      amount: '100',
      categoryId: rent.id,
      description: 'Loyer',
    })
    .loginAs(a)
    .withCsrfToken()
  expense.assertStatus(201)
  const transactionId: string = expense.body().transaction.id
  const receipt = await client
    .post(`${url}/receipts`)
    .field('transactionId', transactionId)
    .file('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'recu.pdf' })
    .loginAs(a)
    .withCsrfToken()
  receipt.assertStatus(201)
  const statement = await client
    .post(`${url}/statements`)
    .field('accountId', accountId)
    .file('file', Buffer.from('date;libellé;montant\n04/01/2026;Versement;5000\n'), {
      filename: 'releve.csv',
    })
    .loginAs(a)
    .withCsrfToken()
  statement.assertStatus(202)
  await runQueuedJobs()
  return {
    accountId,
    transactionId,
    attachmentId: receipt.body().transaction.attachments[0].id as string,
    statementId: statement.body().import.id as string,
  }
}
function treasuryWorld(world: World) {
  if (!treasuryWorlds.has(world)) treasuryWorlds.set(world, makeTreasuryWorld(world))
  return treasuryWorlds.get(world)!
}

/**
 * How to obtain, for each id parameter, a value that belongs to A (or to a):
 * - tenant: a record of organisation A; B's owner must get 404 for it, even in B's own URLs;
 * - user: a record of user a (outside organisations); b must get 404 for it;
 * - catalog: a name valid in every organisation (module ids); only A's orgId is foreign to b;
 * - capability: the value is itself the credential (an emailed token), so holding it is the
 *   permission; such routes are tested where they are defined, not here;
 * - own: a name inside the caller's own space (a preference key): the same name by anyone else
 *   reaches their own record, never a's; such routes prove it where they are defined.
 */
const ID_SOURCES: Record<
  string,
  | { kind: 'tenant' | 'user' | 'catalog'; obtain: (world: World) => Promise<string> }
  | { kind: 'capability' | 'own' }
> = {
  memberId: {
    kind: 'tenant',
    obtain: async ({ orgA }) => (await addMember(orgA, await createUser(), 'member')).id,
  },
  invitationId: {
    kind: 'tenant',
    obtain: async ({ client, a, orgA }) => {
      const response = await client
        .post(`/api/v1/orgs/${orgA.id}/invitations`)
        .json({ email: `invitee-${orgA.id}@example.cd`, role: 'member' })
        .loginAs(a)
        .withCsrfToken()
      response.assertStatus(201)
      // Sent long enough ago that its owner may send it again (the resend route is probed like the others).
      await db
        .from('platform.invitations')
        .where('id', response.body().invitation.id)
        .update({ created_at: new Date(Date.now() - 3_600_000) })
      return response.body().invitation.id
    },
  },
  contactId: {
    kind: 'tenant',
    obtain: async ({ client, a, orgA }) => {
      const response = await client
        .post(`/api/v1/orgs/${orgA.id}/contacts`)
        .json({ kind: 'company', name: 'Fournisseur de A', isSupplier: true })
        .loginAs(a)
        .withCsrfToken()
      response.assertStatus(201)
      return response.body().contact.id
    },
  },
  importId: {
    kind: 'tenant',
    obtain: async ({ client, a, orgA }) => {
      const response = await client
        .post(`/api/v1/orgs/${orgA.id}/contacts/import`)
        .file('file', Buffer.from('nom\nClient de A\n'), { filename: 'contacts.csv' })
        .loginAs(a)
        .withCsrfToken()
      response.assertStatus(202)
      // Completed, so that every route naming it (its refused rows too) answers its owner.
      await runQueuedJobs()
      return response.body().import.id
    },
  },
  rateImportId: {
    kind: 'tenant',
    obtain: async ({ client, a, orgA }) => {
      const response = await client
        .post(`/api/v1/orgs/${orgA.id}/currencies/rates/import`)
        .file('file', Buffer.from('date,base,quote,rate\n2026-01-02,USD,CDF,2850.5\n'), {
          filename: 'rates.csv',
        })
        .loginAs(a)
        .withCsrfToken()
      response.assertStatus(202)
      await runQueuedJobs()
      return response.body().import.id
    },
  },
  rateId: {
    kind: 'tenant',
    obtain: async ({ client, a, orgA }) => {
      const response = await client
        .post(`/api/v1/orgs/${orgA.id}/currencies/rates`)
        .json({ baseCurrency: 'USD', quoteCurrency: 'CDF', rate: '2850.50', date: '2026-01-02' })
        .loginAs(a)
        .withCsrfToken()
      response.assertStatus(201)
      return response.body().rate.id
    },
  },
  documentId: {
    kind: 'tenant',
    obtain: async (world) => (await invoicingDraft(world)).id,
  },
  quoteId: {
    kind: 'tenant',
    // A quote its customer accepted from their link: the one state that becomes an invoice.
    obtain: async ({ client, a, orgA }) => {
      const customer = await client
        .post(`/api/v1/orgs/${orgA.id}/contacts`)
        .json({ kind: 'company', name: 'Prospect de A', isCustomer: true })
        .loginAs(a)
        .withCsrfToken()
      const quote = await client
        .post(`/api/v1/orgs/${orgA.id}/invoicing/documents`)
        .json({
          kind: 'quote',
          customerId: customer.body().contact.id,
          currency: 'CDF',
          lines: [{ description: 'Étude', quantity: '1', unitPrice: '900' }],
        })
        .loginAs(a)
        .withCsrfToken()
      const id = quote.body().document.id as string
      await client
        .post(`/api/v1/orgs/${orgA.id}/invoicing/documents/${id}/issue`)
        .loginAs(a)
        .withCsrfToken()
      const accepted = await client
        .post(`/api/v1/public/invoicing/${customerLinkToken(orgA.id, id)}/accept`)
        .withCsrfToken()
      accepted.assertStatus(200)
      return id
    },
  },
  recurringId: {
    kind: 'tenant',
    obtain: async ({ client, a, orgA }) => {
      const customer = await client
        .post(`/api/v1/orgs/${orgA.id}/contacts`)
        .json({ kind: 'company', name: 'Abonné de A', isCustomer: true })
        .loginAs(a)
        .withCsrfToken()
      const response = await client
        .post(`/api/v1/orgs/${orgA.id}/invoicing/recurring-invoices`)
        .json({
          customerId: customer.body().contact.id,
          frequency: 'monthly',
          startDate: new Date().toISOString().slice(0, 10),
          lines: [{ description: 'Abonnement', quantity: '1', unitPrice: '300' }],
        })
        .loginAs(a)
        .withCsrfToken()
      response.assertStatus(201)
      return response.body().recurringInvoice.id
    },
  },
  paymentId: {
    kind: 'tenant',
    obtain: async (world) => {
      const { client, a, orgA } = world
      const draft = await invoicingDraft(world)
      const issued = await client
        .post(`/api/v1/orgs/${orgA.id}/invoicing/documents/${draft.id}/issue`)
        .loginAs(a)
        .withCsrfToken()
      issued.assertStatus(200)
      const response = await client
        .post(`/api/v1/orgs/${orgA.id}/invoicing/payments`)
        .json({
          method: 'cash',
          currency: 'CDF',
          allocations: [{ documentId: draft.id, amount: '100.00' }],
        })
        .loginAs(a)
        .withCsrfToken()
      response.assertStatus(201)
      return response.body().payment.id
    },
  },
  productId: {
    kind: 'tenant',
    obtain: async ({ client, a, orgA }) => {
      const response = await client
        .post(`/api/v1/orgs/${orgA.id}/invoicing/products`)
        .json({
          kind: 'product',
          code: 'SAC-25',
          nameFr: 'Sac de ciment',
          nameEn: 'Cement bag',
          unit: 'sac',
          price: '18500',
          currency: 'CDF',
          taxGroup: 'B',
        })
        .loginAs(a)
        .withCsrfToken()
      response.assertStatus(201)
      return response.body().product.id
    },
  },
  requestId: {
    kind: 'tenant',
    // Settled already, so reading it asks no gateway.
    obtain: async ({ orgA }) => {
      const [row] = await db
        .table('payments.payment_requests')
        .insert({
          organization_id: orgA.id,
          document_id: randomUUID(),
          document_number: 'FA-2026-0001',
          order_id: randomUUID(),
          provider_id: 9,
          phone: '+243812345678',
          amount_minor: '2500000',
          currency: 'CDF',
          status: 'paid',
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returning('id')
      return row.id
    },
  },
  normalisationId: {
    kind: 'tenant',
    // A failed normalisation of one of A's invoices, as the fiscal queue leaves it (retry takes a failed one).
    obtain: async (world) => {
      const document = await invoicingDraft(world)
      const now = new Date()
      const [row] = await db
        .table('fiscal.normalisations')
        .insert({
          organization_id: world.orgA.id,
          document_id: document.id,
          document_kind: 'invoice',
          number: 'FA-TEST-0001',
          status: 'failed',
          currency: 'CDF',
          total_minor: 116000,
          tax_minor: 16000,
          error_code: 'E_DEVICE_REJECTED',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
      return row.id
    },
  },
  payoutId: {
    kind: 'tenant',
    // Asked by another member of A, so that A's owner may approve it.
    obtain: async ({ client, a, orgA }) => {
      const settings = await client
        .put(`/api/v1/orgs/${orgA.id}/payments/settings`)
        .json({
          baseUrl: 'http://127.0.0.1:9',
          publicId: 'pub-a',
          merchantId: 'merchant-a',
          secretKey: 'secret-key-of-organisation-a',
          enabledProviders: [9],
          enabled: true,
        })
        .loginAs(a)
        .withCsrfToken()
      settings.assertStatus(200)
      const clerk = await createUser()
      await addMember(orgA, clerk, 'member')
      const response = await client
        .post(`/api/v1/orgs/${orgA.id}/payments/payouts`)
        .json({
          beneficiaryName: 'Fournisseur de A',
          providerId: 9,
          phone: '0812345678',
          amount: '1000',
          currency: 'CDF',
          reason: 'Facture fournisseur',
        })
        .loginAs(clerk)
        .withCsrfToken()
      response.assertStatus(201)
      return response.body().payout.id
    },
  },
  entryId: {
    kind: 'tenant',
    obtain: async ({ client, a, orgA }) => {
      const response = await client
        .post(`/api/v1/orgs/${orgA.id}/finance/entries`)
        .json({
          journal: 'OD',
          date: '2026-01-05',
          description: 'Écriture de A',
          currency: 'CDF',
          lines: [
            { account: '6222', debit: '500.00' },
            { account: '5711', credit: '500.00' },
          ],
        })
        .loginAs(a)
        .withCsrfToken()
      response.assertStatus(201)
      return response.body().entry.id
    },
  },
  // A calendar year names a fiscal year in every organisation: only A's orgId is foreign to b.
  year: { kind: 'catalog', obtain: async () => '2026' },
  code: { kind: 'catalog', obtain: async () => 'B' },
  kind: { kind: 'catalog', obtain: async () => 'invoice' },
  tokenId: {
    kind: 'user',
    obtain: async ({ client, a }) => {
      const response = await client
        .post('/api/v1/auth/tokens')
        .json({ name: 'Intégration de a' })
        .loginAs(a)
        .withCsrfToken()
      response.assertStatus(201)
      return response.body().token.id
    },
  },
  moduleId: {
    kind: 'catalog',
    obtain: async () => {
      const registry = await app.container.make('platform.modules')
      // One no other module depends on: disabling a module others need is refused (409) while they are enabled.
      const optional = registry.catalog.optional()
      const module = optional.find(
        (candidate) => !optional.some((other) => other.depends.includes(candidate.id))
      )
      if (!module) throw new Error('No optional module to enable and disable')
      return module.id
    },
  },
  jobId: {
    kind: 'tenant',
    obtain: async ({ orgA }) => {
      const id = randomUUID()
      await db.table('platform.jobs').insert({
        id,
        name: 'platform.example',
        organization_id: orgA.id,
        payload: '{}',
        status: 'failed',
        attempts: 1,
        max_attempts: 1,
        last_error: 'Error: failed',
      })
      return id
    },
  },
  notificationId: {
    kind: 'user',
    obtain: async ({ a }) =>
      notifications.notify(a.id, {
        title: { fr: 'Pour a', en: 'For a' },
        body: { fr: 'Privé', en: 'Private' },
      }),
  },
  token: { kind: 'capability' },
  key: { kind: 'own' },
  // The marketplace: a is the vendor (its key, its version) and a platform administrator (versions, vendors);
  // b is neither, so b gets 404 for all of them.
  keyId: { kind: 'user', obtain: async (world) => (await marketplaceWorld(world)).keyId },
  vendorId: { kind: 'user', obtain: async (world) => (await marketplaceWorld(world)).vendorId },
  listingId: { kind: 'user', obtain: async (world) => (await marketplaceWorld(world)).listingId },
  versionId: {
    kind: 'user',
    obtain: async (world) => (await marketplaceWorld(world)).submittedVersionId,
  },
  vendorModuleId: {
    kind: 'catalog',
    obtain: async (world) => (await marketplaceWorld(world)).moduleId,
  },
  installId: { kind: 'tenant', obtain: async (world) => (await marketplaceWorld(world)).installId },
  apiKeyId: { kind: 'tenant', obtain: async (world) => (await marketplaceWorld(world)).apiKeyId },
  treasuryAccountId: {
    kind: 'tenant',
    obtain: async (world) => (await treasuryWorld(world)).accountId,
  },
  transactionId: {
    kind: 'tenant',
    obtain: async (world) => (await treasuryWorld(world)).transactionId,
  },
  attachmentId: {
    kind: 'tenant',
    obtain: async (world) => (await treasuryWorld(world)).attachmentId,
  },
  statementId: {
    kind: 'tenant',
    obtain: async (world) => (await treasuryWorld(world)).statementId,
  },
}

/** Signed-in API routes of an organisation that name nothing else (its lists, creations, settings...). */
function organizationOnlyRoutes() {
  return inspectRoutes().filter(
    (route) =>
      isApiRoute(route) &&
      route.authenticated &&
      route.params.length === 1 &&
      route.params[0] === 'orgId'
  )
}

/** Signed-in API routes that name something besides the organisation. */
function routesWithIds() {
  return inspectRoutes().filter(
    (route) =>
      isApiRoute(route) && route.authenticated && route.params.some((param) => param !== 'orgId')
  )
}

/** A checksum of every row organisation A and user a own, table by table. */
async function snapshot(orgA: Organization, a: User) {
  const columns = await db.rawQuery<{
    rows: { table_schema: string; table_name: string; column_name: string }[]
  }>(
    `SELECT table_schema, table_name, column_name FROM information_schema.columns
     WHERE column_name IN ('organization_id', 'user_id', 'tokenable_id')
       AND table_schema NOT IN ('pg_catalog', 'information_schema')
     ORDER BY 1, 2, 3`
  )
  const owners = [
    { schema: 'platform', table: 'organizations', column: 'id', value: orgA.id },
    { schema: 'platform', table: 'users', column: 'id', value: a.id },
    ...columns.rows.map((row) => ({
      schema: row.table_schema,
      table: row.table_name,
      column: row.column_name,
      value: row.column_name === 'organization_id' ? orgA.id : a.id,
    })),
  ]
  const result: Record<string, string> = {}
  for (const owner of owners) {
    const { rows } = await db.rawQuery<{ rows: { total: number; checksum: string | null }[] }>(
      `SELECT count(*)::int AS total, md5(string_agg(t::text, '|' ORDER BY t::text)) AS checksum
       FROM "${owner.schema}"."${owner.table}" t WHERE "${owner.column}"::text = ?`,
      [owner.value]
    )
    result[`${owner.schema}.${owner.table}.${owner.column}`] =
      `${rows[0].total}:${rows[0].checksum ?? ''}`
  }
  return result
}

/** The example body the route's documentation gives, so validation cannot answer before the lookup. */
async function exampleBodies() {
  const { document } = await buildOpenApiDocument()
  const paths = document.paths as Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>
  >
  return (route: InspectedRoute) =>
    (paths[openApiPath(route.pattern)]?.[route.method.toLowerCase()]?.requestBody?.content[
      'application/json'
    ]?.example ?? {}) as object
}

/** Organisations A and B with every optional module enabled, and B's owner calling by session or by token. */
async function twoOrganizations(client: ApiClient) {
  const { owner: a, organization: orgA } = await createOwnerWithOrganization('Organisation A')
  const { owner: b, organization: orgB } = await createOwnerWithOrganization('Organisation B')
  const registry = await app.container.make('platform.modules')
  for (const module of registry.catalog.optional()) {
    await enableModule(orgA, module.id, a)
    await enableModule(orgB, module.id, b)
  }
  const bToken = (await User.accessTokens.create(b)).value!.release()
  const outsiders: [string, Caller][] = [
    ['session', { user: b }],
    ['access token', { token: bToken }],
  ]
  return { world: { client, a, b, orgA, orgB } as World, outsiders }
}

function call(
  world: World,
  route: InspectedRoute,
  caller: Caller,
  values: Record<string, string>,
  body: object
) {
  const url = route.pattern.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    encodeURIComponent(values[name])
  )
  const request = world.client.request(url, route.method as 'GET')
  if ('user' in caller) request.loginAs(caller.user).withCsrfToken()
  else request.header('authorization', `Bearer ${caller.token}`)
  return route.method === 'GET' ? request : request.json(body)
}

test.group('Security / tenant isolation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    mail.fake()
    return () => mail.restore()
  })

  test('every id parameter of a signed-in route has a known source', ({ assert }) => {
    const unknown = routesWithIds().flatMap((route) =>
      route.params
        .filter((param) => param !== 'orgId' && !(param in ID_SOURCES))
        .map((param) => `${route.key} (:${param})`)
    )
    assert.deepEqual(
      unknown,
      [],
      'Add these parameters to ID_SOURCES in tests/functional/security/tenant_isolation.spec.ts'
    )
  })

  test("another organisation's owner gets 404 on every route naming A's records, and A's rows stay unchanged", async ({
    client,
    assert,
  }) => {
    const { world, outsiders } = await twoOrganizations(client)
    const { a, orgA, orgB } = world
    const bodyFor = await exampleBodies()

    const ids: Record<string, string> = {}
    const routes = routesWithIds().filter((route) =>
      route.params.every(
        (param) =>
          param === 'orgId' || !['capability', 'own'].includes(ID_SOURCES[param]?.kind ?? '')
      )
    )
    for (const param of new Set(routes.flatMap((route) => route.params))) {
      const source = ID_SOURCES[param]
      if (param !== 'orgId' && source && 'obtain' in source)
        ids[param] = String(await source.obtain(world))
    }
    const before = await snapshot(orgA, a)

    const failures: string[] = []
    const expect404 = async (
      label: string,
      route: InspectedRoute,
      values: Record<string, string>
    ) => {
      for (const [how, caller] of outsiders) {
        const response = await call(world, route, caller, values, bodyFor(route))
        if (response.status() !== 404)
          failures.push(`${route.key} ${label} (${how}): ${response.status()} instead of 404`)
      }
    }
    for (const route of routes) {
      const kinds = route.params
        .filter((param) => param !== 'orgId')
        .map((param) => (ID_SOURCES[param] as { kind: string }).kind)
      const inOrganization = route.params.includes('orgId')

      // The ids must reach a record for their owner, and the example body pass validation: else the
      // 404s below could come from a missing record or a refused body, and would prove nothing.
      await db.rawQuery('SAVEPOINT tenant_probe')
      const own = await call(world, route, { user: a }, { ...ids, orgId: orgA.id }, bodyFor(route))
      await db.rawQuery('ROLLBACK TO SAVEPOINT tenant_probe')
      if (own.status() >= 300)
        failures.push(`${route.key} as its owner: ${own.status()} instead of 2xx`)

      if (inOrganization) await expect404("with A's orgId", route, { ...ids, orgId: orgA.id })
      if (kinds.includes('tenant') || kinds.includes('user')) {
        await expect404(inOrganization ? "with A's ids in B's orgId" : "with a's ids", route, {
          ...ids,
          orgId: orgB.id,
        })
      }
    }

    assert.deepEqual({ failures, rows: await snapshot(orgA, a) }, { failures: [], rows: before })
    assert.includeMembers(
      routes.map((route) => route.key),
      [
        'PATCH /api/v1/orgs/:orgId/members/:memberId',
        'DELETE /api/v1/orgs/:orgId/invitations/:invitationId',
        'DELETE /api/v1/auth/tokens/:tokenId',
      ]
    )
  })

  test("an outsider gets 404 on every route of A's organisation, by session or token, and A's rows stay unchanged", async ({
    client,
    assert,
  }) => {
    const { world, outsiders } = await twoOrganizations(client)
    const { a, orgA } = world
    const bodyFor = await exampleBodies()
    const routes = organizationOnlyRoutes()
    assert.includeMembers(
      routes.map((route) => route.key),
      [
        'GET /api/v1/orgs/:orgId/contacts',
        'POST /api/v1/orgs/:orgId/contacts',
        'PATCH /api/v1/orgs/:orgId',
        'POST /api/v1/orgs/:orgId/logo',
        'POST /api/v1/orgs/:orgId/contacts/import',
        'GET /api/v1/orgs/:orgId/search',
      ]
    )
    const before = await snapshot(orgA, a)
    const failures: string[] = []
    for (const route of routes) {
      for (const [how, caller] of outsiders) {
        const response = await call(world, route, caller, { orgId: orgA.id }, bodyFor(route))
        if (response.status() !== 404)
          failures.push(`${route.key} (${how}): ${response.status()} instead of 404`)
      }
    }
    assert.deepEqual({ failures, rows: await snapshot(orgA, a) }, { failures: [], rows: before })
  })
})
