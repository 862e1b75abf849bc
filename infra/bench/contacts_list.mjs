/*
 * Contacts list benchmark: the real API (auth, tenant and module checks, validation, serialisation)
 * against a bare node:http + pg server running the same two queries, in one run, same database.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import { resolve, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { httpSession } from '../e2e/http_session.mjs'

const { values: options } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, rows: { type: 'string', default: '100000' } },
})
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BACKEND = join(ROOT, 'backend')
const NODE = process.execPath
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'
const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ia_bench'
const API_PORT = 3360
const BARE_PORT = 3361
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

async function resetDatabase() {
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query('DROP DATABASE IF EXISTS ia_bench WITH (FORCE)')
  await admin.query('CREATE DATABASE ia_bench')
  await admin.end()
  const migrated = spawnSync(NODE, ['ace.js', 'migration:run', '--force'], { cwd: BACKEND, env, stdio: 'inherit' })
  if (migrated.status !== 0) throw new Error('migration failed')
}

async function waitFor(url) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer`)
}

/** Signs up through the API, creates the organisation, enables Contacts and returns a Bearer token. */
async function prepareTenant() {
  const session = httpSession(`http://127.0.0.1:${API_PORT}`)
  const call = async (method, path, body) => {
    const { status, body: answer } = await session.call(method, path, body)
    if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`)
    return answer
  }
  await call('POST', '/api/v1/auth/sign-up', { fullName: 'Bench Mark', email: 'bench@example.cd', password: 'motdepasse-solide' })
  const { organization } = await call('POST', '/api/v1/orgs', { name: 'Bench SARL' })
  await call('POST', `/api/v1/orgs/${organization.id}/modules/contacts/enable`)
  const { token } = await call('POST', '/api/v1/auth/tokens', { name: 'bench' })
  return { organizationId: organization.id, token: token.value }
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
        pool.query('SELECT count(*)::int AS total FROM contacts.contacts WHERE organization_id = $1 AND archived_at IS NULL', [organizationId]),
        pool.query(
          `SELECT * FROM contacts.contacts WHERE organization_id = $1 AND archived_at IS NULL
           ORDER BY lower(contacts.immutable_unaccent(name)) ASC, id ASC LIMIT 50 OFFSET 0`,
          [organizationId]
        ),
      ])
      const total = count.rows[0].total
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ data: page.rows, meta: { total, perPage: 50, currentPage: 1, lastPage: Math.ceil(total / 50) } }))
    } catch (error) {
      response.writeHead(500)
      response.end(String(error))
    }
  })
  return new Promise((done) => server.listen(BARE_PORT, '127.0.0.1', () => done({ server, pool })))
}

function load(url, headers) {
  return autocannon({ url, headers, connections: Number(options.connections), duration: Number(options.seconds) })
}

const summary = (result) =>
  `${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`

await resetDatabase()
const api = spawn(NODE, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], { cwd: BACKEND, env, stdio: 'inherit' })
try {
  await waitFor(`http://127.0.0.1:${API_PORT}/health/live`)
  const { organizationId, token } = await prepareTenant()
  await insertContacts(organizationId, Number(options.rows))
  const bare = await startBareServer(organizationId)
  const apiUrl = `http://127.0.0.1:${API_PORT}/api/v1/orgs/${organizationId}/contacts?page=1&perPage=50&sort=name&order=asc`
  const headers = { authorization: `Bearer ${token}` }
  const check = await fetch(apiUrl, { headers })
  const body = await check.json()
  if (!check.ok || body.data.length !== 50 || body.meta.total !== Number(options.rows)) {
    throw new Error(`API answered ${check.status}: ${JSON.stringify(body).slice(0, 300)}`)
  }
  await load(apiUrl, headers) // warm-up, discarded
  const apiResult = await load(apiUrl, headers)
  await load(`http://127.0.0.1:${BARE_PORT}/`, {})
  const bareResult = await load(`http://127.0.0.1:${BARE_PORT}/`, {})
  console.log(`\ncontacts list, ${options.rows} contacts, 50 a page, ${options.connections} connections, ${options.seconds}s each`)
  console.log(`API (AdonisJS): ${summary(apiResult)}`)
  console.log(`bare node:http + pg: ${summary(bareResult)}`)
  console.log(`ratio API / bare: ${(apiResult.requests.average / bareResult.requests.average).toFixed(2)}`)
  bare.server.close()
  await bare.pool.end()
} finally {
  api.kill('SIGTERM')
}
