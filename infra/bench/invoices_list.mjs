/*
 * Invoicing benchmark (issue 12), in one run on one database of 1,000 organisations and 1,000,000 invoices
 * of five lines each:
 * - the invoice list (50 rows, filtered by status and customer), first page and a deep cursor page, through
 *   the real API (Bearer token) against a bare node:http + pg server sending the same SQL, loaded in
 *   alternating turns: requests per second, p50, p95, the API/bare throughput ratio and deep/first page;
 * - 50 drafts issued at once through the API: issues per second, and a check that the numbers they took
 *   follow one another with no gap and no duplicate.
 * The fixture copies one invoice made and issued through the API (its lines, totals and snapshots) with
 * plain SQL, the immutability triggers off (session_replication_role = replica) as for a restore.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import { loadavg } from 'node:os'
import { resolve, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { httpSession } from '../e2e/http_session.mjs'

const { values: options } = parseArgs({
  options: {
    'seconds': { type: 'string', default: '10' },
    'connections': { type: 'string', default: '8' },
    'organizations': { type: 'string', default: '1000' },
    'invoices': { type: 'string', default: process.env.BENCH_INVOICES ?? '1000000' },
    // The deep page starts after this many rows of the filtered list.
    'deep-offset': { type: 'string', default: '10000' },
    'issues': { type: 'string', default: '50' },
    // The API's port; the bare pg server listens on a free port.
    'port': { type: 'string', default: '3430' },
    'database': { type: 'string', default: 'ia_bench_inv' },
  },
})
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BACKEND = join(ROOT, 'backend')
const NODE = process.execPath
const DATABASE = options.database
if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE))
  throw new Error(`--database ${DATABASE}: letters, digits and _ only`)
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DATABASE}`
const API_PORT = Number(options.port)
const ORGANIZATIONS = Number(options.organizations)
const INVOICES = Number(options.invoices)
// The measured organisation holds a tenth of the invoices, so that its filtered list has a deep page.
const OWN_INVOICES = Math.round(INVOICES / 10)
const OTHERS_INVOICES_EACH = Math.round((INVOICES - OWN_INVOICES) / Math.max(1, ORGANIZATIONS - 1))
// The measured organisation's invoices go to four customers in turn; the list is filtered on the first.
const CUSTOMERS = 4
const STATUS = 'paid'
const PER_PAGE = 50
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(API_PORT),
  HOST: '127.0.0.1',
  APP_KEY: 'bench-only-app-key-0123456789abcdef',
  APP_URL: `http://127.0.0.1:${API_PORT}`,
  LOG_LEVEL: 'warn',
  DATABASE_URL,
  DATA_DIR: join(ROOT, '.data', 'bench-invoices'),
}
const children = []

async function resetDatabase() {
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${DATABASE}`)
  await admin.end()
  const migrated = spawnSync(NODE, ['ace.js', 'migration:run', '--force'], {
    cwd: BACKEND,
    env,
    stdio: 'inherit',
  })
  if (migrated.status !== 0) throw new Error('migration failed')
}

async function waitFor(url) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {}
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer`)
}

const FIVE_LINES = [
  { description: 'Sacs de ciment 50 kg', quantity: '40', unitPrice: '12500' },
  { description: 'Barres de fer 12 mm', quantity: '25', unitPrice: '18000' },
  { description: 'Transport Kinshasa - Matadi', quantity: '1', unitPrice: '350000' },
  { description: 'Main-d’œuvre (jours)', quantity: '6', unitPrice: '45000' },
  { description: 'Location bétonnière', quantity: '3', unitPrice: '60000' },
]

/**
 * Signs up, creates the organisation, enables contacts, currencies and invoicing, makes the customers and
 * one invoice of five lines issued through the API (the model the fixture copies); returns a Bearer token.
 */
async function prepareTenant() {
  const session = httpSession(`http://127.0.0.1:${API_PORT}`)
  const call = async (method, path, body) => {
    const { status, body: answer } = await session.call(method, path, body)
    if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`)
    return answer
  }
  await call('POST', '/api/v1/auth/sign-up', {
    fullName: 'Bench Mark',
    email: 'bench-invoices@example.cd',
    password: 'motdepasse-solide',
  })
  const { organization } = await call('POST', '/api/v1/orgs', { name: 'Bench Factures SARL' })
  for (const moduleId of ['contacts', 'currencies', 'invoicing']) {
    const { status, body } = await session.call(
      'POST',
      `/api/v1/orgs/${organization.id}/modules/${moduleId}/enable`
    )
    // Some may be on from the start.
    if (status >= 300 && status !== 409)
      throw new Error(`enable ${moduleId}: ${status} ${JSON.stringify(body)}`)
  }
  // Invoices in CDF are reported in USD: issuing needs a rate on or before the issue date.
  await call('POST', `/api/v1/orgs/${organization.id}/currencies/rates`, {
    baseCurrency: 'USD',
    quoteCurrency: 'CDF',
    rate: '2800',
    date: '2025-01-01',
  })
  const customerIds = []
  for (let index = 1; index <= CUSTOMERS; index++) {
    const { contact } = await call('POST', `/api/v1/orgs/${organization.id}/contacts`, {
      kind: 'company',
      name: `Client ${index} SARL`,
      isCustomer: true,
      country: 'CD',
    })
    customerIds.push(contact.id)
  }
  const invoicing = `/api/v1/orgs/${organization.id}/invoicing/documents`
  const { document: model } = await call('POST', invoicing, {
    kind: 'invoice',
    customerId: customerIds[0],
    lines: FIVE_LINES,
  })
  await call('POST', `${invoicing}/${model.id}/issue`)
  const { token } = await call('POST', '/api/v1/auth/tokens', { name: 'bench' })
  return { organizationId: organization.id, customerIds, modelId: model.id, token: token.value }
}

/**
 * The other organisations, then every organisation's invoices over 2025 as copies of the model (its
 * totals, snapshots and five lines), in every status the list shows: half paid, the rest drafts, issued,
 * sent, partly paid and cancelled. Issued ones are numbered FA-2025-000001 onwards per organisation, and
 * each organisation's 2025 counter is set to its last number.
 */
async function insertInvoices(tenant) {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  const started = Date.now()
  await client.query('SET session_replication_role = replica')
  await client.query(
    `INSERT INTO platform.organizations (name, default_currency, reporting_currency, created_at, updated_at)
     SELECT 'Bench ' || g, o.default_currency, o.reporting_currency, now(), now()
     FROM generate_series(2, $1::int) g CROSS JOIN platform.organizations o WHERE o.id = $2`,
    [ORGANIZATIONS, tenant.organizationId]
  )
  // Per organisation: how many invoices and its customers (the measured one's are real contacts).
  await client.query(
    `CREATE TEMPORARY TABLE bench_plan AS
     SELECT id AS organization_id,
       CASE WHEN id = $1 THEN $2::int ELSE $3::int END AS invoices,
       CASE WHEN id = $1 THEN $4::uuid[]
         ELSE ARRAY(SELECT gen_random_uuid() FROM generate_series(1, $5::int) WHERE o.id IS NOT NULL) END
         AS customers
     FROM platform.organizations o`,
    [tenant.organizationId, OWN_INVOICES, OTHERS_INVOICES_EACH, tenant.customerIds, CUSTOMERS]
  )
  await client.query(
    `CREATE TEMPORARY TABLE bench_documents AS
     SELECT gen_random_uuid() AS id, p.organization_id, g,
       p.customers[1 + g % ${CUSTOMERS}] AS customer_id, 1 + g % ${CUSTOMERS} AS customer_no,
       CASE WHEN g % 10 = 0 THEN 'draft' WHEN g % 10 = 1 THEN 'issued' WHEN g % 10 = 2 THEN 'sent'
         WHEN g % 10 = 3 THEN 'partially_paid' WHEN g % 10 = 9 THEN 'cancelled' ELSE 'paid' END AS status,
       DATE '2025-01-01' + (g * 365 / (p.invoices + 1)) AS issue_date
     FROM bench_plan p CROSS JOIN generate_series(1, p.invoices) g`
  )
  // The list and search indexes are built once after the rows rather than kept row by row: the same
  // definitions, read back from the catalogue.
  const { rows: indexes } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid IN ('invoicing.documents'::regclass, 'invoicing.document_lines'::regclass)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`
  )
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`)
  await client.query(
    `INSERT INTO invoicing.documents (id, organization_id, kind, status, number, invoice_type, client_category,
       customer_id, customer_name, customer_snapshot, seller_snapshot, issue_date, due_date, payment_terms_days,
       currency, reporting_currency, exchange_rate, exchange_rate_date, exchange_rate_source, book_currency,
       book_rate, subtotal_minor, tax_minor, total_minor, reporting_total_minor, tax_totals, paid_minor,
       credited_minor, notes, created_by, issued_by, issued_at, sent_at, cancelled_at, created_at, updated_at)
     SELECT b.id, b.organization_id, 'invoice', b.status,
       CASE WHEN b.status = 'draft' THEN NULL
         ELSE 'FA-2025-' || lpad((row_number() OVER (PARTITION BY b.organization_id, b.status = 'draft' ORDER BY b.g))::text, 6, '0') END,
       m.invoice_type, m.client_category, b.customer_id, 'Client ' || b.customer_no || ' SARL',
       m.customer_snapshot, m.seller_snapshot, b.issue_date, b.issue_date + m.payment_terms_days,
       m.payment_terms_days, m.currency, m.reporting_currency, m.exchange_rate, b.issue_date,
       m.exchange_rate_source, m.book_currency, m.book_rate, m.subtotal_minor, m.tax_minor, m.total_minor,
       m.reporting_total_minor, m.tax_totals,
       CASE b.status WHEN 'paid' THEN m.total_minor WHEN 'partially_paid' THEN m.total_minor / 2 ELSE 0 END,
       0, NULL, m.created_by,
       CASE WHEN b.status = 'draft' THEN NULL ELSE m.issued_by END,
       CASE WHEN b.status = 'draft' THEN NULL ELSE b.issue_date + time '10:00' END,
       CASE WHEN b.status IN ('sent', 'paid', 'partially_paid') THEN b.issue_date + time '10:05' END,
       CASE WHEN b.status = 'cancelled' THEN b.issue_date + time '16:00' END,
       b.issue_date + time '09:00', b.issue_date + time '10:00'
     FROM bench_documents b CROSS JOIN invoicing.documents m WHERE m.id = $1`,
    [tenant.modelId]
  )
  await client.query(
    `INSERT INTO invoicing.document_lines (organization_id, document_id, position, product_id, description,
       quantity, unit, unit_price, discount_percent, discount_amount, tax_group, tax_rate, gross_minor,
       discount_minor, net_minor)
     SELECT b.organization_id, b.id, l.position, l.product_id, l.description, l.quantity, l.unit, l.unit_price,
       l.discount_percent, l.discount_amount, l.tax_group, l.tax_rate, l.gross_minor, l.discount_minor, l.net_minor
     FROM bench_documents b CROSS JOIN invoicing.document_lines l WHERE l.document_id = $1`,
    [tenant.modelId]
  )
  await client.query(`SET maintenance_work_mem = '256MB'`)
  for (const index of indexes) await client.query(index.definition)
  await client.query(
    `INSERT INTO invoicing.number_counters (organization_id, kind, year, last_value)
     SELECT organization_id, 'invoice', 2025, count(*) FROM bench_documents WHERE status <> 'draft'
     GROUP BY organization_id`
  )
  await client.query('SET session_replication_role = origin')
  await client.query('VACUUM ANALYZE')
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM invoicing.documents)::int AS invoices,
       (SELECT count(*) FROM invoicing.document_lines)::int AS lines,
       (SELECT count(DISTINCT organization_id) FROM invoicing.documents)::int AS organizations`
  )
  await client.end()
  return { ...rows[0], seconds: (Date.now() - started) / 1000 }
}

/** The API's list query (modules/invoicing/app/queries/list_documents.ts) as SQL: the page, the count on page 1. */
const PAGE_SQL = `SELECT *, to_char(issue_date, 'YYYY-MM-DD') AS cursor_key FROM invoicing.documents
  WHERE organization_id = $1 AND kind = 'invoice' AND status = $2 AND customer_id = $3`
const ORDER_SQL = `ORDER BY issue_date DESC, id DESC LIMIT ${PER_PAGE + 1}`
const COUNT_SQL = `SELECT count(*) AS total FROM invoicing.documents
  WHERE organization_id = $1 AND kind = 'invoice' AND status = $2 AND customer_id = $3`

const encodeCursor = (value, id) =>
  Buffer.from(JSON.stringify(['issueDate', 'desc', value, id])).toString('base64url')

/** The same list by the same SQL in a bare node:http + pg server: `/list` and `/list?cursor=…`. */
function startBareServer(organizationId, customerId) {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 })
  const server = createServer(async (request, response) => {
    try {
      const cursor = new URL(request.url, 'http://bare').searchParams.get('cursor')
      const filter = [organizationId, STATUS, customerId]
      let page
      let total = null
      if (cursor) {
        const [, , value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
        page = pool.query(`${PAGE_SQL} AND (issue_date, id) < ($4::date, $5::uuid) ${ORDER_SQL}`, [
          ...filter,
          value,
          id,
        ])
      } else {
        page = pool.query(`${PAGE_SQL} ${ORDER_SQL}`, filter)
        total = pool.query(COUNT_SQL, filter)
      }
      const [{ rows }, counted] = await Promise.all([page, total])
      const documents = rows.slice(0, PER_PAGE)
      const last = documents.at(-1)
      const nextCursor =
        rows.length > PER_PAGE && last ? encodeCursor(last.cursor_key, last.id) : null
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({
          data: documents,
          meta: {
            perPage: PER_PAGE,
            total: counted ? Number(counted.rows[0].total) : null,
            nextCursor,
          },
        })
      )
    } catch (error) {
      response.writeHead(500)
      response.end(String(error))
    }
  })
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, pool, port: server.address().port }))
  )
}

/** The cursor a client holds after reading `offset` rows of the filtered list. */
async function deepCursor(organizationId, customerId) {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  const { rows } = await client.query(
    `SELECT to_char(issue_date, 'YYYY-MM-DD') AS key, id FROM invoicing.documents
     WHERE organization_id = $1 AND kind = 'invoice' AND status = $2 AND customer_id = $3
     ORDER BY issue_date DESC, id DESC OFFSET $4 LIMIT 1`,
    [organizationId, STATUS, customerId, Number(options['deep-offset']) - 1]
  )
  await client.end()
  if (!rows[0]) throw new Error(`the filtered list has fewer than ${options['deep-offset']} rows`)
  return encodeCursor(rows[0].key, rows[0].id)
}

/** Loads `url` with `connections` clients for `seconds`; every request's latency in ms. */
async function loadFor(url, headers, seconds) {
  const latencies = []
  const until = Date.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: Number(options.connections) }, async () => {
      while (Date.now() < until) {
        const started = performance.now()
        const response = await fetch(url, { headers })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`${url}: ${response.status}`)
        latencies.push(performance.now() - started)
      }
    })
  )
  return latencies
}

const percentile = (values, p) =>
  values[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]

/** Two servers loaded in alternating turns of two seconds, so a change of load on the machine hits both alike. */
async function compare(a, b) {
  await loadFor(a.url, a.headers, 2)
  await loadFor(b.url, b.headers, 2)
  const all = [[], []]
  let seconds = 0
  for (let turn = 0; turn < Math.ceil(Number(options.seconds) / 2); turn++) {
    all[0].push(...(await loadFor(a.url, a.headers, 2)))
    all[1].push(...(await loadFor(b.url, b.headers, 2)))
    seconds += 2
  }
  return all.map((latencies) => {
    latencies.sort((x, y) => x - y)
    return {
      requests: latencies.length,
      rps: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
    }
  })
}

/** `count` drafts made through the API, then issued by as many requests at once. */
async function concurrentIssues(tenant, headers) {
  const base = `http://127.0.0.1:${API_PORT}/api/v1/orgs/${tenant.organizationId}/invoicing/documents`
  const json = { ...headers, 'content-type': 'application/json' }
  const drafts = []
  for (let index = 0; index < Number(options.issues); index++) {
    const response = await fetch(base, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        kind: 'invoice',
        customerId: tenant.customerIds[index % CUSTOMERS],
        lines: FIVE_LINES,
      }),
    })
    const body = await response.json()
    if (response.status !== 201)
      throw new Error(`POST draft: ${response.status} ${JSON.stringify(body)}`)
    drafts.push(body.document.id)
  }
  const started = performance.now()
  const numbers = await Promise.all(
    drafts.map(async (id) => {
      const response = await fetch(`${base}/${id}/issue`, { method: 'POST', headers })
      const body = await response.json()
      if (response.status !== 200)
        throw new Error(`issue: ${response.status} ${JSON.stringify(body)}`)
      return body.document.number
    })
  )
  const seconds = (performance.now() - started) / 1000
  // FA-<year>-<sequence>: this year's model took the first, so these must be the next ones in a row.
  const sequences = numbers.map((number) => Number(number.split('-').at(-1))).sort((a, b) => a - b)
  const unbroken = sequences.every((value, index) => value === sequences[0] + index)
  return {
    count: numbers.length,
    seconds,
    perSecond: numbers.length / seconds,
    sequences,
    unbroken,
  }
}

/** Statements the API sent to the database for one request to `url`, counted over 50 requests in a row. */
async function queriesPerRequest(url, headers) {
  const counter = async () =>
    (await (await fetch(`http://127.0.0.1:${API_PORT}/api/__bench/queries`)).json()).queries
  const first = await counter()
  const second = await counter()
  for (let i = 0; i < 50; i++) await (await fetch(url, { headers })).arrayBuffer()
  const third = await counter()
  // Reading the counter is a request too (an anonymous one): its own statements are taken off.
  return (third - second - (second - first)) / 50
}

const row = (cells) => `| ${cells.join(' | ')} |`
const ms = (value) => value.toFixed(1)

try {
  await resetDatabase()
  children.push(
    spawn(
      NODE,
      ['--import', '@poppinss/ts-exec', join(ROOT, 'infra/bench/servers/api_with_probes.ts')],
      { cwd: BACKEND, env, stdio: 'inherit' }
    )
  )
  await waitFor(`http://127.0.0.1:${API_PORT}/health/live`)
  const tenant = await prepareTenant()
  const fixture = await insertInvoices(tenant)
  console.log(
    `fixture: ${fixture.organizations} organisations, ${fixture.invoices} invoices, ${fixture.lines} lines, written in ${fixture.seconds.toFixed(0)} s`
  )
  const customerId = tenant.customerIds[0]
  const bare = await startBareServer(tenant.organizationId, customerId)
  const headers = { authorization: `Bearer ${tenant.token}` }
  const query = `status=${STATUS}&customerId=${customerId}&perPage=${PER_PAGE}`
  const apiUrl = `http://127.0.0.1:${API_PORT}/api/v1/orgs/${tenant.organizationId}/invoicing/documents?${query}`
  const bareUrl = `http://127.0.0.1:${bare.port}/list`
  const cursor = await deepCursor(tenant.organizationId, customerId)

  // The two sides must answer the same rows and the same cursor before they are timed.
  for (const suffix of ['', `cursor=${cursor}`]) {
    const fromApi = await (await fetch(`${apiUrl}&${suffix}`, { headers })).json()
    const fromBare = await (await fetch(`${bareUrl}?${suffix}`)).json()
    const ids = (answer) => answer.data.map((document) => document.id).join()
    if (
      fromApi.data?.length !== PER_PAGE ||
      ids(fromApi) !== ids(fromBare) ||
      fromApi.meta.nextCursor !== fromBare.meta.nextCursor ||
      fromApi.meta.total !== fromBare.meta.total
    )
      throw new Error(`the API and the bare server differ (${suffix || 'page 1'})`)
    if (!suffix)
      console.log(`filtered list: ${fromApi.meta.total} invoices (status ${STATUS}, one customer)`)
  }

  const results = {}
  for (const [name, suffix] of [
    ['page 1', ''],
    [`deep page (after ${options['deep-offset']} rows)`, `cursor=${cursor}`],
  ]) {
    const [api, bareResult] = await compare(
      { url: `${apiUrl}&${suffix}`, headers },
      { url: `${bareUrl}?${suffix}`, headers: {} }
    )
    results[name] = { api, bare: bareResult }
  }
  const queries = {
    first: await queriesPerRequest(apiUrl, headers),
    deep: await queriesPerRequest(`${apiUrl}&cursor=${cursor}`, headers),
  }
  const issues = await concurrentIssues(tenant, headers)
  bare.server.close()
  await bare.pool.end()

  const [first, deep] = Object.values(results)
  console.log(
    `\n${options.connections} clients, ${options.seconds} s a side in alternating 2-second turns, load average ${loadavg()[0].toFixed(1)}\n`
  )
  console.log(
    row([
      'case',
      'API req/s',
      'API p50 / p95 ms',
      'bare req/s',
      'bare p50 / p95 ms',
      'API / bare (goal >= 0.7)',
    ])
  )
  console.log(row(Array(6).fill('---')))
  for (const [name, { api, bare: b }] of Object.entries(results))
    console.log(
      row([
        name,
        api.rps.toFixed(1),
        `${ms(api.p50)} / ${ms(api.p95)}`,
        b.rps.toFixed(1),
        `${ms(b.p50)} / ${ms(b.p95)}`,
        (api.rps / b.rps).toFixed(2),
      ])
    )
  console.log(
    `\ndeep page / page 1, p50 (goal <= 1.2): API ${(deep.api.p50 / first.api.p50).toFixed(2)}, bare ${(deep.bare.p50 / first.bare.p50).toFixed(2)}`
  )
  console.log(
    `queries per API list request: page 1 ${queries.first.toFixed(1)} (the bare server: 2), deep page ${queries.deep.toFixed(1)} (bare: 1)`
  )
  console.log(
    `${issues.count} drafts issued at once through the API: ${issues.seconds.toFixed(2)} s, ${issues.perSecond.toFixed(1)} issues/s; numbers ${issues.sequences[0]}-${issues.sequences.at(-1)}, ${issues.unbroken ? 'no gap, no duplicate' : 'GAP OR DUPLICATE'}`
  )
  if (!issues.unbroken) process.exitCode = 1
} finally {
  for (const child of children) child.kill('SIGINT')
}
