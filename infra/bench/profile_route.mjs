/*
 * Where the CPU of one kind of request goes: starts the API with probes (servers/api_with_probes.ts) under
 * `node --cpu-prof`, loads one route with autocannon, stops the API and prints, per function, the CPU time per
 * request (self, then including what it calls). Runs on the database contacts_list.mjs left (`--database`),
 * with a user, an organisation and (for `list`) 100,000 contacts of its own.
 * `../../node_modules/.bin/node profile_route.mjs --route authorized|list|global|auth [--seconds 8] [--port 3360]
 * [--database ia_bench] [--top 40]`
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { httpSession } from '../e2e/http_session.mjs'

const { values: options } = parseArgs({
  options: {
    route: { type: 'string', default: 'authorized' },
    seconds: { type: 'string', default: '8' },
    port: { type: 'string', default: '3360' },
    database: { type: 'string', default: 'ia_bench' },
    top: { type: 'string', default: '40' },
  },
})
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BASE = `http://127.0.0.1:${options.port}`
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${options.database}`
const profiles = mkdtempSync(join(tmpdir(), 'ia-profile-'))
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: options.port,
  HOST: '127.0.0.1',
  APP_KEY: 'bench-only-app-key-0123456789abcdef',
  APP_URL: BASE,
  LOG_LEVEL: 'warn',
  DATABASE_URL,
  DATA_DIR: join(ROOT, '.data', 'bench'),
}
const api = spawn(
  process.execPath,
  [
    '--cpu-prof',
    `--cpu-prof-dir=${profiles}`,
    '--import',
    '@poppinss/ts-exec',
    join(ROOT, 'infra/bench/servers/api_with_probes.ts'),
  ],
  {
    cwd: join(ROOT, 'backend'),
    env,
    stdio: 'inherit',
  }
)
const exited = new Promise((done) => api.once('exit', done))

for (let attempt = 0; ; attempt++) {
  if (attempt === 240) throw new Error(`${BASE} did not answer`)
  if (
    await fetch(`${BASE}/health/live`).then(
      (response) => response.ok,
      () => false
    )
  )
    break
  await new Promise((done) => setTimeout(done, 250))
}
const session = httpSession(BASE)
const call = async (method, path, body) => {
  const { status, body: answer } = await session.call(method, path, body)
  if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`)
  return answer
}
await call('POST', '/api/v1/auth/sign-up', {
  fullName: 'Profile Run',
  email: `profile-${Date.now()}@example.cd`,
  password: 'motdepasse-solide',
})
const { organization } = await call('POST', '/api/v1/orgs', { name: 'Profile SARL' })
await call('POST', `/api/v1/orgs/${organization.id}/modules/contacts/enable`)
const { token } = await call('POST', '/api/v1/auth/tokens', { name: 'profile' })
if (options.route === 'list') {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  await client.query(
    `INSERT INTO contacts.contacts (organization_id, kind, name, is_customer, is_supplier, email, city, country, tags, created_at, updated_at)
     SELECT $1, 'company', 'Société ' || md5(g::text), g % 2 = 0, g % 5 = 0, 'contact' || g || '@example.cd', 'Kinshasa', 'CD',
            ARRAY['bench'], now() - (g || ' minutes')::interval, now()
     FROM generate_series(1, 100000) g`,
    [organization.id]
  )
  await client.query('VACUUM ANALYZE contacts.contacts')
  await client.end()
}
const routes = {
  global: '/api/__bench/global',
  auth: '/api/__bench/auth',
  authorized: `/api/__bench/orgs/${organization.id}/authorized`,
  list: `/api/v1/orgs/${organization.id}/contacts?page=1&perPage=50&sort=name&order=asc`,
}
if (!routes[options.route]) throw new Error(`--route: one of ${Object.keys(routes).join(', ')}`)
const headers = options.route === 'global' ? {} : { authorization: `Bearer ${token.value}` }
const seconds = Number(options.seconds)
const result = await autocannon({
  url: BASE + routes[options.route],
  headers,
  connections: 10,
  duration: seconds,
})
if (result.non2xx || result.errors)
  throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`)
api.kill('SIGTERM')
await exited

// The main thread's profile (the module loader's thread writes one too), read over the load only: its last
// `seconds`, less half a second at each end.
const file = readdirSync(profiles).find((name) => /\.0\.\d+\.cpuprofile$/.test(name))
const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8'))
const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
const parents = new Map(
  profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id]))
)
const name = ({ callFrame: { functionName, url, lineNumber } }) =>
  `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\/\.pnpm\/([^/]+)\/node_modules\//, (_, pkg) => `[${pkg.split('_')[0]}] `).replace(`file://${ROOT}/`, '')}:${lineNumber + 1}`
const end = profile.endTime - 500_000
const start = profile.endTime - seconds * 1_000_000 + 500_000
const self = new Map()
const inclusive = new Map()
let time = profile.startTime
let total = 0
profile.samples.forEach((id, index) => {
  time += profile.timeDeltas[index]
  const spent = profile.timeDeltas[index + 1] ?? 0
  if (time < start || time > end) return
  total += spent
  self.set(name(nodes.get(id)), (self.get(name(nodes.get(id))) ?? 0) + spent)
  const seen = new Set()
  for (let node = id; node !== undefined; node = parents.get(node)) {
    const key = name(nodes.get(node))
    if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + spent)
    seen.add(key)
  }
})
const requests = result.requests.average * (total / 1_000_000)
const print = (title, entries) => {
  console.log(`\n${title}\n| µs per request | share | function |\n|---|---|---|`)
  for (const [key, spent] of [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(options.top))) {
    console.log(
      `| ${(spent / requests).toFixed(1)} | ${((spent / total) * 100).toFixed(1)}% | ${key} |`
    )
  }
}
console.log(
  `${options.route}: ${result.requests.average.toFixed(0)} req/s; ${(total / requests).toFixed(0)} µs of the API process's CPU per request`
)
print('Self time', self)
print('Including what it calls', inclusive)
