/*
 * Finance reports benchmark, in one run on one database of 1,000 organisations and 2,000,000 journal lines:
 * - a year's dashboard and income statement through the real API (read from the per-account daily rollups)
 *   against the same aggregates computed by raw SQL over the entries' lines in a bare node:http + pg server,
 *   loaded in alternating turns: p50, p95 and the ratio of the p95s;
 * - posting throughput through the API (entries per second, the rollups kept in the posting transaction),
 *   then a check that the rollups still equal the lines.
 * The fixture is written with plain SQL with the triggers off (session_replication_role = replica), then its
 * rollups are built in one statement: the same rows the posting triggers would have written.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
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
    'lines': { type: 'string', default: '2000000' },
    'post-seconds': { type: 'string', default: '10' },
    // The API's port; the bare pg server listens on a free port.
    'port': { type: 'string', default: '3410' },
    'database': { type: 'string', default: 'ia_bench_fin' },
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
let BARE_PORT = 0
const ORGANIZATIONS = Number(options.organizations)
const ENTRIES_PER_ORGANIZATION = Math.round(Number(options.lines) / ORGANIZATIONS / 2)
const YEAR = { from: '2025-01-01', to: '2025-12-31' }
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(API_PORT),
  HOST: '127.0.0.1',
  APP_KEY: 'bench-only-app-key-0123456789abcdef',
  APP_URL: `http://127.0.0.1:${API_PORT}`,
  LOG_LEVEL: 'warn',
  DATABASE_URL,
  DATA_DIR: join(ROOT, '.data', 'bench-finance'),
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

/** Signs up, creates the organisation, enables currencies and finance, returns a Bearer token. */
async function prepareTenant() {
  const session = httpSession(`http://127.0.0.1:${API_PORT}`)
  const call = async (method, path, body) => {
    const { status, body: answer } = await session.call(method, path, body)
    if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`)
    return answer
  }
  await call('POST', '/api/v1/auth/sign-up', {
    fullName: 'Bench Mark',
    email: 'bench-finance@example.cd',
    password: 'motdepasse-solide',
  })
  const { organization } = await call('POST', '/api/v1/orgs', { name: 'Bench Finance SARL' })
  for (const moduleId of ['currencies', 'finance']) {
    const { status, body } = await session.call(
      'POST',
      `/api/v1/orgs/${organization.id}/modules/${moduleId}/enable`
    )
    // Currencies may be on from the start.
    if (status >= 300 && status !== 409)
      throw new Error(`enable ${moduleId}: ${status} ${JSON.stringify(body)}`)
  }
  // The books are in CDF and the reports also in USD: postings need the day's rate.
  await call('POST', `/api/v1/orgs/${organization.id}/currencies/rates`, {
    baseCurrency: 'USD',
    quoteCurrency: 'CDF',
    rate: '2800',
    date: '2025-01-01',
  })
  const { token } = await call('POST', '/api/v1/auth/tokens', { name: 'bench' })
  return { organizationId: organization.id, token: token.value }
}

/**
 * The other organisations with the same ledger as the first, then every organisation's year of entries
 * (a cash sale, a purchase paid by bank, rent paid by mobile money, a service paid to the bank, in turn),
 * two lines each, then the rollups.
 */
async function insertLedgers(firstOrganizationId) {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  const started = Date.now()
  await client.query('SET session_replication_role = replica')
  await client.query(
    `INSERT INTO platform.organizations (name, created_at, updated_at)
     SELECT 'Bench ' || g, now(), now() FROM generate_series(2, $1::int) g`,
    [ORGANIZATIONS]
  )
  const others = `SELECT id FROM platform.organizations WHERE id <> '${firstOrganizationId}'`
  await client.query(
    `INSERT INTO finance.settings (organization_id, book_currency, reporting_currency)
     SELECT id, 'CDF', 'USD' FROM (${others}) o`
  )
  await client.query(
    `INSERT INTO finance.accounts (organization_id, code, class, name_fr, name_en, account_type, reconcile, origin)
     SELECT o.id, a.code, a.class, a.name_fr, a.name_en, a.account_type, a.reconcile, a.origin
     FROM (${others}) o CROSS JOIN finance.accounts a WHERE a.organization_id = $1`,
    [firstOrganizationId]
  )
  await client.query(
    `INSERT INTO finance.journals (organization_id, code, kind, name_fr, name_en)
     SELECT o.id, j.code, j.kind, j.name_fr, j.name_en
     FROM (${others}) o CROSS JOIN finance.journals j WHERE j.organization_id = $1`,
    [firstOrganizationId]
  )
  // The reporting currency is USD at 2,800 CDF: reporting amounts are the book amounts / 2,800.
  await client.query(
    `INSERT INTO finance.entries (id, organization_id, journal_id, number, entry_date, description, currency,
       book_currency, reporting_currency, reporting_rate)
     SELECT gen_random_uuid(), o.id, j.id, 'OD-2025-B' || lpad(g::text, 6, '0'),
       DATE '2025-01-01' + (g % 365), 'Bench ' || g, 'CDF', 'CDF', 'USD', 0.000357142857
     FROM platform.organizations o
     JOIN finance.journals j ON j.organization_id = o.id AND j.code = 'OD'
     CROSS JOIN generate_series(1, $1::int) g`,
    [ENTRIES_PER_ORGANIZATION]
  )
  await client.query(
    `INSERT INTO finance.entry_lines (organization_id, entry_id, entry_date, line_no, account_id, debit_minor,
       credit_minor, currency, amount_minor, reporting_debit_minor, reporting_credit_minor)
     SELECT e.organization_id, e.id, e.entry_date, side.line_no, a.id,
       CASE WHEN side.line_no = 1 THEN x.amount ELSE 0 END,
       CASE WHEN side.line_no = 2 THEN x.amount ELSE 0 END,
       'CDF', CASE WHEN side.line_no = 1 THEN x.amount ELSE -x.amount END,
       CASE WHEN side.line_no = 1 THEN x.amount / 2800 ELSE 0 END,
       CASE WHEN side.line_no = 2 THEN x.amount / 2800 ELSE 0 END
     FROM finance.entries e
     CROSS JOIN LATERAL (SELECT substr(e.number, 10)::int AS g) n
     CROSS JOIN LATERAL (SELECT 100000 + (n.g * 7919 % 5000000)::bigint AS amount,
       (ARRAY['5711', '6011', '6222', '521'])[1 + n.g % 4] AS debited,
       (ARRAY['7011', '521', '552', '7061'])[1 + n.g % 4] AS credited) x
     CROSS JOIN (VALUES (1), (2)) AS side(line_no)
     JOIN finance.accounts a ON a.organization_id = e.organization_id
       AND a.code = CASE WHEN side.line_no = 1 THEN x.debited ELSE x.credited END`
  )
  await client.query(
    `INSERT INTO finance.daily_balances (organization_id, account_id, day, currency, debit_minor, credit_minor,
       amount_minor, reporting_debit_minor, reporting_credit_minor, line_count)
     SELECT organization_id, account_id, entry_date, currency, sum(debit_minor), sum(credit_minor),
       sum(amount_minor), sum(reporting_debit_minor), sum(reporting_credit_minor), count(*)
     FROM finance.entry_lines GROUP BY organization_id, account_id, entry_date, currency`
  )
  await client.query('SET session_replication_role = origin')
  await client.query('VACUUM ANALYZE')
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM finance.entry_lines)::int AS lines,
       (SELECT count(DISTINCT organization_id) FROM finance.entry_lines)::int AS organizations,
       (SELECT count(*) FROM finance.daily_balances)::int AS rollups`
  )
  await client.end()
  return { ...rows[0], seconds: (Date.now() - started) / 1000 }
}

/** The same aggregates as the API's dashboard and income statement, by raw SQL over the lines. */
function startBareServer(organizationId) {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 })
  const routes = {
    '/dashboard': async () => {
      const [months, cash] = await Promise.all([
        pool.query(
          `SELECT to_char(date_trunc('month', l.entry_date), 'YYYY-MM') AS month,
             coalesce(sum(l.credit_minor - l.debit_minor) FILTER (WHERE a.class = 7), 0)::text AS revenue,
             coalesce(sum(l.debit_minor - l.credit_minor) FILTER (WHERE a.class = 6), 0)::text AS expenses
           FROM finance.entry_lines l JOIN finance.accounts a ON a.id = l.account_id
           WHERE l.organization_id = $1 AND l.entry_date BETWEEN $2 AND $3 AND a.class IN (6, 7)
           GROUP BY 1 ORDER BY 1`,
          [organizationId, YEAR.from, YEAR.to]
        ),
        pool.query(
          `SELECT a.code, sum(l.debit_minor - l.credit_minor)::text AS balance
           FROM finance.entry_lines l JOIN finance.accounts a ON a.id = l.account_id
           WHERE l.organization_id = $1 AND l.entry_date <= $2
             AND (a.code LIKE '52%' OR a.code LIKE '55%' OR a.code LIKE '57%')
           GROUP BY a.code ORDER BY a.code`,
          [organizationId, YEAR.to]
        ),
      ])
      return { months: months.rows, cash: cash.rows }
    },
    '/income-statement': async () => {
      const accounts = await pool.query(
        `SELECT a.code, a.name_fr, a.name_en, sum(l.debit_minor)::text AS debit, sum(l.credit_minor)::text AS credit
         FROM finance.entry_lines l JOIN finance.accounts a ON a.id = l.account_id
         WHERE l.organization_id = $1 AND l.entry_date BETWEEN $2 AND $3 AND a.class IN (6, 7, 8)
         GROUP BY a.code, a.name_fr, a.name_en ORDER BY a.code`,
        [organizationId, YEAR.from, YEAR.to]
      )
      return { accounts: accounts.rows }
    },
  }
  const server = createServer(async (request, response) => {
    try {
      const body = await routes[request.url]()
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    } catch (error) {
      response.writeHead(500)
      response.end(String(error))
    }
  })
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      BARE_PORT = server.address().port
      done({ server, pool })
    })
  )
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

/** Entries posted through the API for `seconds` by `connections` clients: entries per second. */
async function postingThroughput(organizationId, headers) {
  const url = `http://127.0.0.1:${API_PORT}/api/v1/orgs/${organizationId}/finance/entries`
  const until = Date.now() + Number(options['post-seconds']) * 1000
  let posted = 0
  let sequence = 0
  const started = Date.now()
  await Promise.all(
    Array.from({ length: Number(options.connections) }, async () => {
      while (Date.now() < until) {
        const day = String(1 + (sequence++ % 28)).padStart(2, '0')
        const response = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({
            journal: 'CA',
            date: `2026-02-${day}`,
            description: 'Vente comptant',
            currency: 'CDF',
            lines: [
              { account: '5711', debit: '116000.00' },
              { account: '7011', credit: '100000.00' },
              { account: '4431', credit: '16000.00' },
            ],
          }),
        })
        const body = await response.text()
        if (response.status !== 201)
          throw new Error(`POST entries: ${response.status} ${body.slice(0, 300)}`)
        posted++
      }
    })
  )
  return { posted, perSecond: posted / ((Date.now() - started) / 1000) }
}

async function rollupsMatchLines(organizationId) {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  const { rows } = await client.query(
    `SELECT count(*)::int AS drift FROM (
       SELECT account_id, entry_date, sum(debit_minor) AS debit, sum(credit_minor) AS credit
       FROM finance.entry_lines WHERE organization_id = $1 GROUP BY account_id, entry_date
     ) l FULL JOIN (
       SELECT account_id, day, sum(debit_minor) AS debit, sum(credit_minor) AS credit
       FROM finance.daily_balances WHERE organization_id = $1 GROUP BY account_id, day
     ) d ON d.account_id = l.account_id AND d.day = l.entry_date
     WHERE l.debit IS DISTINCT FROM d.debit OR l.credit IS DISTINCT FROM d.credit`,
    [organizationId]
  )
  await client.end()
  return rows[0].drift === 0
}

const format = (name, result) =>
  `${name}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (${result.requests} requests)`

try {
  await resetDatabase()
  children.push(
    spawn(
      NODE,
      ['--import', '@poppinss/ts-exec', join(ROOT, 'infra/bench/servers/api_with_probes.ts')],
      {
        cwd: BACKEND,
        env,
        stdio: 'inherit',
      }
    )
  )
  await waitFor(`http://127.0.0.1:${API_PORT}/health/live`)
  const { organizationId, token } = await prepareTenant()
  const fixture = await insertLedgers(organizationId)
  console.log(
    `fixture: ${fixture.organizations} organisations, ${fixture.lines} lines, ${fixture.rollups} rollup rows, written in ${fixture.seconds.toFixed(0)} s`
  )
  const bare = await startBareServer(organizationId)
  const headers = { authorization: `Bearer ${token}` }
  const api = (path) =>
    `http://127.0.0.1:${API_PORT}/api/v1/orgs/${organizationId}/finance/reports/${path}?from=${YEAR.from}&to=${YEAR.to}`

  // The two sides must agree before they are timed.
  const apiBoard = (await (await fetch(api('dashboard'), { headers })).json()).report
  const bareBoard = await (await fetch(`http://127.0.0.1:${BARE_PORT}/dashboard`)).json()
  const bareRevenue = bareBoard.months.reduce((sum, month) => sum + BigInt(month.revenue), 0n)
  if (apiBoard.totals.revenue.replace('.', '') !== bareRevenue.toString())
    throw new Error(`dashboards differ: API ${apiBoard.totals.revenue}, raw SQL ${bareRevenue}`)
  const apiIncome = (await (await fetch(api('income-statement'), { headers })).json()).report
  const bareIncome = await (await fetch(`http://127.0.0.1:${BARE_PORT}/income-statement`)).json()
  // Classes 7 (and 8 income) less classes 6 (and 8 expenses): credits less debits over them all.
  const bareResult = bareIncome.accounts.reduce(
    (sum, account) => sum + BigInt(account.credit) - BigInt(account.debit),
    0n
  )
  if (apiIncome.netIncome.replace('.', '') !== bareResult.toString())
    throw new Error(`income statements differ: API ${apiIncome.netIncome}, raw SQL ${bareResult}`)

  const results = {}
  for (const [name, path] of [
    ['dashboard (one year)', 'dashboard'],
    ['income statement (one year)', 'income-statement'],
  ]) {
    const [apiResult, bareResult] = await compare(
      { url: api(path), headers },
      { url: `http://127.0.0.1:${BARE_PORT}/${path}`, headers: {} }
    )
    results[name] = { api: apiResult, bare: bareResult }
    console.log(format(`${name}, API on the rollups`, apiResult))
    console.log(format(`${name}, bare node:http + pg, raw SQL on the lines`, bareResult))
    console.log(
      `${name}: API p95 / raw SQL p95 = ${(apiResult.p95 / bareResult.p95).toFixed(2)} (goal <= 1.2)`
    )
  }
  const posting = await postingThroughput(organizationId, headers)
  console.log(
    `posting through the API: ${posting.posted} entries in ${options['post-seconds']} s, ${posting.perSecond.toFixed(1)} entries/s (${options.connections} clients, rollups kept)`
  )
  console.log(`rollups equal the lines after posting: ${await rollupsMatchLines(organizationId)}`)
  bare.server.close()
  await bare.pool.end()
} finally {
  for (const child of children) child.kill('SIGINT')
}
