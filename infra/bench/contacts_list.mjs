/*
 * Request pipeline benchmark, all in one run on one database:
 * - the contacts list through the real API against a bare node:http + pg server running the same two queries;
 * - an empty authenticated JSON route through the full middleware stack against the same route with no middleware
 *   (a bare AdonisJS server);
 * - that bare AdonisJS route against a bare Fastify route.
 * With --stages, it also loads probe routes that stop at each stage of the pipeline (servers/api_with_probes.ts)
 * and prints what each stage costs per request and how many queries it makes.
 */
import { spawn, spawnSync } from 'node:child_process'
import { Agent, createServer, request } from 'node:http'
import { resolve, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { httpSession } from '../e2e/http_session.mjs'

const { values: options } = parseArgs({
  options: {
    'seconds': { type: 'string', default: '10' },
    'connections': { type: 'string', default: '10' },
    'rows': { type: 'string', default: '100000' },
    'stages': { type: 'boolean', default: false },
    'stage-seconds': { type: 'string', default: '5' },
    // Four consecutive ports: the API, the bare pg server, bare AdonisJS, bare Fastify.
    'port': { type: 'string', default: '3360' },
    'database': { type: 'string', default: 'ia_bench' },
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
const BARE_PORT = API_PORT + 1
const ADONIS_PORT = API_PORT + 2
const FASTIFY_PORT = API_PORT + 3
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(API_PORT),
  HOST: '127.0.0.1',
  APP_KEY: 'bench-only-app-key-0123456789abcdef',
  APP_URL: `http://127.0.0.1:${API_PORT}`,
  LOG_LEVEL: 'warn',
  DATABASE_URL,
  DATA_DIR: join(ROOT, '.data', 'bench'),
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

/** Starts `args` with Node from `cwd`, killed when the benchmark ends. */
function startProcess(args, cwd) {
  const child = spawn(NODE, args, { cwd, env, stdio: 'inherit' })
  children.push(child)
  return child
}

/**
 * Signs up through the API, creates the organisation, enables Contacts and returns a Bearer token and the
 * browser session's cookies.
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
    email: 'bench@example.cd',
    password: 'motdepasse-solide',
  })
  const { organization } = await call('POST', '/api/v1/orgs', { name: 'Bench SARL' })
  await call('POST', `/api/v1/orgs/${organization.id}/modules/contacts/enable`)
  const { token } = await call('POST', '/api/v1/auth/tokens', { name: 'bench' })
  return { organizationId: organization.id, token: token.value, cookie: session.cookieHeader() }
}

async function insertContacts(organizationId, rows) {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  await client.query(
    `INSERT INTO contacts.contacts (organization_id, kind, name, is_customer, is_supplier, email, phone, city, country, tags, created_at, updated_at)
     SELECT $1, CASE WHEN g % 3 = 0 THEN 'person' ELSE 'company' END,
            'Société ' || md5(g::text), g % 2 = 0, g % 5 = 0, 'contact' || g || '@example.cd',
            '+24381' || lpad((g % 10000000)::text, 7, '0'),
            (ARRAY['Kinshasa','Lubumbashi','Goma','Matadi','Kisangani'])[1 + g % 5], 'CD', ARRAY['bench'],
            now() - (g || ' minutes')::interval, now()
     FROM generate_series(1, $2::int) g`,
    [organizationId, rows]
  )
  // What autovacuum does soon after a bulk load: statistics and the visibility map.
  await client.query('VACUUM ANALYZE contacts.contacts')
  await client.end()
}

/** The same two queries the API makes for page 1 sorted by name, without the framework. */
function startBareServer(organizationId) {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 })
  const server = createServer(async (_request, response) => {
    try {
      const [count, page] = await Promise.all([
        pool.query(
          'SELECT count(*)::int AS total FROM contacts.contacts WHERE organization_id = $1 AND archived_at IS NULL',
          [organizationId]
        ),
        pool.query(
          `SELECT * FROM contacts.contacts WHERE organization_id = $1 AND archived_at IS NULL
           ORDER BY lower(contacts.immutable_unaccent(name)) ASC, id ASC LIMIT 50 OFFSET 0`,
          [organizationId]
        ),
      ])
      const total = count.rows[0].total
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({
          data: page.rows,
          meta: { total, perPage: 50, currentPage: 1, lastPage: Math.ceil(total / 50) },
        })
      )
    } catch (error) {
      response.writeHead(500)
      response.end(String(error))
    }
  })
  return new Promise((done) => server.listen(BARE_PORT, '127.0.0.1', () => done({ server, pool })))
}

function load(url, headers, seconds = Number(options.seconds)) {
  return autocannon({ url, headers, connections: Number(options.connections), duration: seconds })
}

/** Loads `url` once to warm it up, then again for the figure. */
async function measure(url, headers = {}, seconds = Number(options.seconds)) {
  await load(url, headers, Math.min(seconds, 3))
  const result = await load(url, headers, seconds)
  if (result.non2xx || result.errors)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return result
}

/**
 * Two servers compared on a machine whose load changes from one second to the next: each is loaded in turns of
 * two seconds, alternating, for `options.seconds` in all each, and its requests per second are the sum over its turns.
 */
async function compare([urlA, headersA], [urlB, headersB]) {
  await load(urlA, headersA, 2)
  await load(urlB, headersB, 2)
  const totals = [
    { requests: 0, seconds: 0, p50: [], p99: [] },
    { requests: 0, seconds: 0, p50: [], p99: [] },
  ]
  for (let turn = 0; turn < Math.ceil(Number(options.seconds) / 2); turn++) {
    for (const [index, url, headers] of [
      [0, urlA, headersA],
      [1, urlB, headersB],
    ]) {
      const result = await load(url, headers, 2)
      if (result.non2xx || result.errors)
        throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`)
      totals[index].requests += result.requests.total
      totals[index].seconds += result.duration
      totals[index].p50.push(result.latency.p50)
      totals[index].p99.push(result.latency.p99)
    }
  }
  const median = (values) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]
  return totals.map((total) => ({
    rps: total.requests / total.seconds,
    p50: median(total.p50),
    p99: median(total.p99),
  }))
}

/** Statements the API sent to the database for one request to `url`, counted over 50 requests in a row. */
async function queriesPerRequest(url, headers = {}) {
  const counter = async () =>
    (await (await fetch(`http://127.0.0.1:${API_PORT}/api/__bench/queries`)).json()).queries
  const first = await counter()
  const second = await counter()
  for (let i = 0; i < 50; i++) await (await fetch(url, { headers })).arrayBuffer()
  const third = await counter()
  // Reading the counter is a request too (an anonymous one): its own statements are taken off.
  return (third - second - (second - first)) / 50
}

/** Median time of one request to `url` (µs), one at a time over a kept-alive connection: what a stage adds, waits included. */
async function medianLatency(url, headers = {}, count = 300) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const once = () =>
    new Promise((done, fail) => {
      const started = process.hrtime.bigint()
      request(url, { headers, agent }, (response) => {
        response.resume()
        response.on('end', () => done(Number(process.hrtime.bigint() - started) / 1000))
      })
        .on('error', fail)
        .end()
    })
  for (let i = 0; i < 20; i++) await once()
  const times = []
  for (let i = 0; i < count; i++) times.push(await once())
  agent.destroy()
  return times.sort((a, b) => a - b)[Math.floor(count / 2)]
}

/**
 * Each probe adds one stage to the previous one. Per stage: the throughput under load, the median time of a
 * request sent alone, the time the stage adds to the previous one's, and the statements it sends to the database.
 */
async function stageTable(organizationId, token, cookie, listUrl) {
  const api = `http://127.0.0.1:${API_PORT}`
  const bearer = { authorization: `Bearer ${token}` }
  const stages = [
    ['bare AdonisJS route (no middleware)', `http://127.0.0.1:${ADONIS_PORT}/`, {}],
    [
      '+ server and router middleware, anonymous, no cookie (body parser, NUL check, locale, session, shield)',
      `${api}/api/__bench/global`,
      {},
    ],
    ['router middleware with a Bearer token (no session)', `${api}/api/__bench/global`, bearer],
    ['+ auth (access token, user)', `${api}/api/__bench/auth`, bearer],
    [
      '+ organisation and membership',
      `${api}/api/__bench/orgs/${organizationId}/organization`,
      bearer,
    ],
    ['+ module enabled', `${api}/api/__bench/orgs/${organizationId}/module`, bearer],
    [
      '+ permission (the empty authenticated route)',
      `${api}/api/__bench/orgs/${organizationId}/authorized`,
      bearer,
    ],
    ['+ validation, the two queries, rows, transformer, JSON (the list)', listUrl, bearer],
    [
      'the empty authenticated route with the session cookie instead of the token (session read, CSRF token)',
      `${api}/api/__bench/orgs/${organizationId}/authorized`,
      { cookie },
    ],
  ]
  const seconds = Number(options['stage-seconds'])
  console.log(
    `\n| stage | req/s (${options.connections} connections) | median µs, one at a time | added µs | queries per request |\n|---|---|---|---|---|`
  )
  let previous = null
  for (const [name, url, headers] of stages) {
    const result = await measure(url, headers, seconds)
    const median = await medianLatency(url, headers)
    const queries = url.startsWith(api) ? (await queriesPerRequest(url, headers)).toFixed(1) : '0'
    const added = previous === null || !name.startsWith('+') ? '' : (median - previous).toFixed(0)
    console.log(
      `| ${name} | ${result.requests.average.toFixed(0)} | ${median.toFixed(0)} | ${added} | ${queries} |`
    )
    previous = median
  }
}

try {
  await resetDatabase()
  startProcess(
    ['--import', '@poppinss/ts-exec', join(ROOT, 'infra/bench/servers/api_with_probes.ts')],
    BACKEND
  )
  startProcess(
    [join(ROOT, 'infra/bench/servers/bare_adonis.ts'), String(ADONIS_PORT)],
    join(ROOT, 'infra/bench')
  )
  startProcess(
    [join(ROOT, 'infra/bench/servers/bare_fastify.mjs'), String(FASTIFY_PORT)],
    join(ROOT, 'infra/bench')
  )
  await waitFor(`http://127.0.0.1:${API_PORT}/health/live`)
  await waitFor(`http://127.0.0.1:${ADONIS_PORT}/`)
  await waitFor(`http://127.0.0.1:${FASTIFY_PORT}/`)
  const { organizationId, token, cookie } = await prepareTenant()
  await insertContacts(organizationId, Number(options.rows))
  const bare = await startBareServer(organizationId)
  const apiUrl = `http://127.0.0.1:${API_PORT}/api/v1/orgs/${organizationId}/contacts?page=1&perPage=50&sort=name&order=asc`
  const emptyUrl = `http://127.0.0.1:${API_PORT}/api/__bench/orgs/${organizationId}/authorized`
  const headers = { authorization: `Bearer ${token}` }
  const check = await fetch(apiUrl, { headers })
  const body = await check.json()
  if (!check.ok || body.data.length !== 50 || body.meta.total !== Number(options.rows)) {
    throw new Error(`API answered ${check.status}: ${JSON.stringify(body).slice(0, 300)}`)
  }

  const [apiResult, bareResult] = await compare(
    [apiUrl, headers],
    [`http://127.0.0.1:${BARE_PORT}/`, {}]
  )
  const [stackResult, adonisResult] = await compare(
    [emptyUrl, headers],
    [`http://127.0.0.1:${ADONIS_PORT}/`, {}]
  )
  const [adonisAgain, fastifyResult] = await compare(
    [`http://127.0.0.1:${ADONIS_PORT}/`, {}],
    [`http://127.0.0.1:${FASTIFY_PORT}/`, {}]
  )
  const listQueries = await queriesPerRequest(apiUrl, headers)
  const emptyQueries = await queriesPerRequest(emptyUrl, headers)

  const line = (name, result, extra = '') =>
    console.log(
      `${name}: ${result.rps.toFixed(0)} req/s, latency p50 ${result.p50} ms, p99 ${result.p99} ms${extra}`
    )
  const ratio = (a, b, goal) => `${(a.rps / b.rps).toFixed(2)} (goal ${goal})`
  console.log(
    `\n${options.rows} contacts, 50 a page, ${options.connections} connections, ${options.seconds}s each, in alternating 2s turns`
  )
  line(
    'contacts list, API (AdonisJS)',
    apiResult,
    `, ${listQueries.toFixed(1)} queries per request`
  )
  line('contacts list, bare node:http + pg', bareResult, ', 2 queries per request')
  line(
    'empty authenticated route, full middleware stack',
    stackResult,
    `, ${emptyQueries.toFixed(1)} queries per request`
  )
  line('empty route, bare AdonisJS (no middleware)', adonisResult)
  line('empty route, bare AdonisJS (second turn, against Fastify)', adonisAgain)
  line('empty route, bare Fastify', fastifyResult)
  console.log(
    `ratio contacts list API / bare node:http + pg: ${ratio(apiResult, bareResult, '0.70')}`
  )
  console.log(
    `ratio full middleware stack / no middleware: ${ratio(stackResult, adonisResult, '0.60')}`
  )
  console.log(`ratio bare AdonisJS / bare Fastify: ${ratio(adonisAgain, fastifyResult, '0.90')}`)

  if (options.stages) await stageTable(organizationId, token, cookie, apiUrl)
  bare.server.close()
  await bare.pool.end()
} finally {
  for (const child of children) child.kill('SIGTERM')
}
