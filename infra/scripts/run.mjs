#!/usr/bin/env node
/*
 * The two commands of the README: `npm start` and `npm test`.
 * Runs on whatever Node the machine has (20 or later): it installs the workspace with the pinned
 * pnpm, which brings Node 24 (the `node` devDependency), and runs everything else on that Node.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { portOpen, startEmbeddedPostgres, waitForPort } from './embedded_postgres.mjs'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BACKEND = join(ROOT, 'backend')
const PNPM = ['-y', 'pnpm@12.4.2']
const NODE24 = join(ROOT, 'node_modules', '.bin', 'node')
const DATA_DIR = resolve(process.env.DATA_DIR ?? join(ROOT, '.data'))
const FRONTEND_PACKAGES = [
  'shell/ui',
  'shell/sdk',
  'shell/vendor-kit',
  'shell/app',
  ...listDirs('remotes'),
]

function listDirs(folder) {
  const path = join(ROOT, folder)
  if (!existsSync(path)) return []
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(path, entry.name, 'package.json')))
    .map((entry) => `${folder}/${entry.name}`)
}

function log(message) {
  console.log(`\x1b[36m[ia-solution]\x1b[0m ${message}`)
}

/** Runs a command to completion, inheriting the terminal; exits the script when it fails. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options })
  if (result.status !== 0) {
    if (options.allowFailure) return false
    console.error(`\n[ia-solution] failed: ${command} ${args.join(' ')}`)
    process.exit(result.status ?? 1)
  }
  return true
}

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.vite'].includes(entry.name)) continue
    newest = Math.max(newest, newestMtime(join(path, entry.name)))
  }
  return newest
}

/** Installs the workspace when node_modules is missing or older than the lockfile. */
function ensureInstalled() {
  const marker = join(ROOT, 'node_modules', '.modules.yaml')
  const lock = join(ROOT, 'pnpm-lock.yaml')
  if (
    existsSync(marker) &&
    existsSync(NODE24) &&
    statSync(marker).mtimeMs >= statSync(lock).mtimeMs
  )
    return
  log('installing dependencies (pnpm 12.4.2, Node 24 included)...')
  run('npx', [...PNPM, 'install', '--frozen-lockfile'])
}

function pnpm(args, options) {
  return run('npx', [...PNPM, ...args], options)
}

/** Builds every frontend package whose sources changed since its last build. */
function buildFrontend({ force = false } = {}) {
  for (const pkg of FRONTEND_PACKAGES) {
    const dir = join(ROOT, pkg)
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    if (!manifest.scripts?.build) continue
    const built = newestMtime(join(dir, 'dist'))
    if (!force && built && built >= newestMtime(dir)) continue
    log(`building ${manifest.name}...`)
    pnpm(['--filter', manifest.name, 'run', 'build'])
  }
}

/** A persistent APP_KEY for this checkout, made once. */
function appKey() {
  if (process.env.APP_KEY) return process.env.APP_KEY
  const file = join(DATA_DIR, 'app-key')
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}

function ace(args, env, options = {}) {
  return run(NODE24, ['ace.js', ...args], { cwd: BACKEND, env, ...options })
}

async function start() {
  ensureInstalled()
  buildFrontend()
  const port = Number(process.env.PORT ?? 3333)
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
    PORT: String(port),
    HOST: process.env.HOST ?? '0.0.0.0',
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
    APP_KEY: appKey(),
    DATA_DIR,
  }
  let embedded
  if (!env.DATABASE_URL) {
    const requestedPort = process.env.EMBEDDED_DB_PORT ?? '0'
    if (!/^\d+$/.test(requestedPort) || Number(requestedPort) > 65535) {
      console.error(
        `\n[ia-solution] EMBEDDED_DB_PORT must be a port number (0 to 65535), not "${requestedPort}"`
      )
      process.exit(2)
    }
    const directory = join(DATA_DIR, 'pglite')
    log(`no DATABASE_URL: starting the embedded PostgreSQL (PGlite) with its data in ${directory}`)
    try {
      embedded = await startEmbeddedPostgres(directory, Number(requestedPort), NODE24)
    } catch (error) {
      console.error(`\n[ia-solution] ${error.message}`)
      process.exit(1)
    }
    log(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (instance ${embedded.instanceId})`)
    env.DATABASE_URL = embedded.url
    env.DATABASE_POOL_MAX = '6'
    // The app's connections check that they reach this server, not another instance's.
    env.EMBEDDED_DB_INSTANCE = embedded.instanceId
  }
  // A failed step stops its embedded server too, which would otherwise keep the data directory locked.
  for (const step of [['migration:run', '--force'], ['db:seed']]) {
    if (ace(step, env, { allowFailure: true })) continue
    embedded?.server.kill('SIGTERM')
    console.error(`\n[ia-solution] failed: node ace.js ${step.join(' ')}`)
    process.exit(1)
  }
  log(`serving on ${env.APP_URL} (demo account: demo@ia-solution.cd / demo-ia-solution)`)
  // PGlite answers a NOTIFY only to the connection that sent it, so without Redis no live event
  // (job progress, notifications) could go from a worker process to the browsers: on the embedded
  // PostgreSQL without REDIS_URL the web server runs the worker itself, one job at a time.
  const workerInWeb = Boolean(embedded) && !env.REDIS_URL
  // Its single session also makes named statements clash across connections: the rate limits of that
  // one web process live in its memory.
  const serverEnv = workerInWeb
    ? { ...env, JOBS_IN_WEB_PROCESS: 'true', JOBS_CONCURRENCY: '1', RATE_LIMIT_STORE: 'memory' }
    : env
  const server = spawn(NODE24, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
    stdio: 'inherit',
    cwd: BACKEND,
    env: serverEnv,
  })
  // Otherwise the jobs worker (and, with RabbitMQ, the outbox relay) run beside the web server and stop with it.
  // On the embedded PostgreSQL (8 connections, shared with the server), one job at a time on 2 connections.
  const workerEnv = embedded ? { ...env, DATABASE_POOL_MAX: '2', JOBS_CONCURRENCY: '1' } : env
  const helpers = workerInWeb
    ? []
    : [spawn(NODE24, ['ace.js', 'jobs:work'], { stdio: 'inherit', cwd: BACKEND, env: workerEnv })]
  if (env.RABBITMQ_URL)
    helpers.push(spawn(NODE24, ['ace.js', 'jobs:relay'], { stdio: 'inherit', cwd: BACKEND, env }))
  const stop = () => {
    server.kill('SIGTERM')
    for (const helper of helpers) helper.kill('SIGTERM')
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  for (const helper of helpers) helper.on('exit', (code) => code && stop())
  // Without its database the app stops too, rather than reach whatever takes the port next.
  embedded?.server.on('exit', (code) => {
    if (code) log(`the embedded PostgreSQL stopped (code ${code}): stopping`)
    stop()
  })
  server.on('exit', async (code) => {
    for (const helper of helpers) helper.kill('SIGTERM')
    await Promise.all(
      helpers.map(
        (helper) =>
          helper.exitCode === null &&
          helper.signalCode === null &&
          new Promise((done) => helper.once('exit', done))
      )
    )
    embedded?.server.kill('SIGTERM')
    process.exit(code ?? 0)
  })
}

const SERVICE_STARTERS = {
  5432: ['PostgreSQL', 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'],
  6379: [
    'Redis',
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  ],
  5672: ['RabbitMQ', 'rabbitmq-server -detached'],
}

/** Starts the local services the tests use when they are down (as the machine's notes say). */
async function ensureServices(ports) {
  for (const port of ports) {
    if (await portOpen(port)) continue
    const [name, command] = SERVICE_STARTERS[port]
    log(`${name} is down: starting it`)
    spawnSync('bash', ['-c', command], { stdio: 'inherit' })
    if (!(await waitForPort(port, 90))) throw new Error(`${name} did not start on port ${port}`)
  }
}

/** Creates a database on the local PostgreSQL if it is missing. */
function ensureDatabase(name) {
  const script = `
    import pg from 'pg'
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
    await client.connect()
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [process.argv[1]])
    if (!rowCount) await client.query('CREATE DATABASE "' + process.argv[1] + '"')
    await client.end()`
  run(NODE24, ['--input-type=module', '-e', script, name], { cwd: BACKEND })
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return true
  log('installing Debian chromium for the browser tests...')
  spawnSync(
    'bash',
    ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
    { stdio: 'inherit' }
  )
  return existsSync('/usr/bin/chromium')
}

async function test() {
  ensureInstalled()
  await ensureServices([5432, 6379, 5672])
  const results = []
  const step = (name, ok) => {
    results.push({ name, ok })
    log(`${ok ? 'PASS' : 'FAIL'} ${name}`)
  }

  const depcruise = join(
    ROOT,
    'node_modules',
    'dependency-cruiser',
    'bin',
    'dependency-cruiser.mjs'
  )
  step(
    'architecture: package boundaries (dependency-cruiser)',
    run(
      NODE24,
      [depcruise, 'backend', 'modules', 'shell', 'remotes', '--config', '.dependency-cruiser.cjs'],
      { allowFailure: true }
    )
  )
  step(
    'architecture: dependency rule tests',
    run(NODE24, ['--test', 'infra/scripts/dependency_rules.test.mjs'], { allowFailure: true })
  )
  step(
    'architecture: module tables and ids',
    run(NODE24, ['infra/scripts/check_boundaries.mjs'], { allowFailure: true })
  )
  step(
    'architecture: table checker tests',
    run(NODE24, ['--test', 'infra/scripts/check_boundaries.test.mjs'], { allowFailure: true })
  )
  step(
    'messages: every fr file has its en twin with the same keys',
    run(NODE24, ['--test', 'infra/scripts/locale_parity.test.mjs'], { allowFailure: true })
  )
  // ESLint checks the code with Prettier inside it (eslint-plugin-prettier); Prettier alone checks styles, JSON and YAML.
  const eslint = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js')
  const prettier = join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs')
  step(
    'lint: eslint and prettier',
    run(NODE24, [eslint, '.'], { allowFailure: true }) &&
      run(NODE24, [prettier, '--check', '**/*.{css,json,yml,yaml,html}'], { allowFailure: true })
  )
  step(
    'typecheck: backend and modules',
    run(
      NODE24,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'],
      { cwd: BACKEND, allowFailure: true }
    )
  )

  ensureDatabase('ia_test')
  const testEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ia_test',
  }
  step('backend: unit + functional on PostgreSQL', ace(['test'], testEnv, { allowFailure: true }))
  step(
    'make:module: a generated module installs, passes its tests and builds (temporary copy)',
    run(NODE24, ['--test', 'infra/scripts/make_module.test.mjs'], { allowFailure: true })
  )

  const smokeDir = join(DATA_DIR, `pglite-smoke-${process.pid}`)
  const embedded = await startEmbeddedPostgres(smokeDir, 0, NODE24)
  try {
    const smokeEnv = { ...testEnv, DATABASE_URL: embedded.url, DATABASE_POOL_MAX: '6' }
    step(
      'backend: smoke run on PGlite',
      run(NODE24, ['ace.js', 'test', '--tags=@smoke'], {
        cwd: BACKEND,
        env: smokeEnv,
        allowFailure: true,
      })
    )
  } finally {
    embedded.server.kill('SIGTERM')
  }

  step(
    'embedded defaults: PGlite, mail by job, search kept in step by events',
    run(NODE24, ['infra/e2e/embedded_default.mjs'], { allowFailure: true })
  )
  step(
    'cluster: two app processes share sessions and live events through Redis',
    run(NODE24, ['infra/e2e/two_processes.mjs'], { allowFailure: true })
  )

  step(
    'frontend: unit tests',
    pnpm(
      ['-r', '--filter', './shell/**', '--filter', './remotes/**', '--if-present', 'run', 'test'],
      { allowFailure: true }
    )
  )

  buildFrontend()
  step(
    'two instances: own embedded database, jobs and mails each; a data directory in use refused',
    run(NODE24, ['infra/e2e/two_instances.mjs'], { allowFailure: true })
  )
  if (ensureChromium()) {
    ensureDatabase('ia_e2e')
    step(
      'browser: end-to-end in chromium',
      run(NODE24, ['infra/e2e/run.mjs'], { allowFailure: true })
    )
  } else {
    step('browser: chromium could not be installed', false)
  }

  const failed = results.filter((result) => !result.ok).length
  console.log(`\nsteps: ${results.length - failed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

const command = process.argv[2]
if (command === 'start') await start()
else if (command === 'test') await test()
else {
  console.error('usage: run.mjs start|test')
  process.exit(2)
}
