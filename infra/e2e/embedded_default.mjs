#!/usr/bin/env node
/*
 * The embedded defaults as `npm start` runs them, with no service installed: PGlite over the
 * Postgres protocol, the job worker inside the web process, mails written to files. Checks that a
 * sign-up's verification mail leaves through a job and that a new contact becomes searchable once
 * the worker has delivered its event.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmbeddedPostgres } from '../scripts/embedded_postgres.mjs'
import { checks, eventually } from './checks.mjs'
import { httpSession } from './http_session.mjs'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BACKEND = join(ROOT, 'backend')
const PORT = Number(process.env.EMBEDDED_E2E_PORT ?? 3375)
const DB_PORT = Number(process.env.EMBEDDED_E2E_DB_PORT ?? 55488)

const { check, finish } = checks()

const dataDir = mkdtempSync(join(tmpdir(), 'ia-embedded-'))
const database = await startEmbeddedPostgres(join(dataDir, 'pglite'), DB_PORT)
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(PORT),
  HOST: '127.0.0.1',
  APP_URL: `http://localhost:${PORT}`,
  APP_KEY: 'embedded-e2e-app-key-0123456789abcdef',
  LOG_LEVEL: 'warn',
  DATABASE_URL: database.url,
  DATABASE_POOL_MAX: '6',
  DATA_DIR: dataDir,
  JOBS_IN_WEB_PROCESS: 'true',
  JOBS_CONCURRENCY: '1',
  RATE_LIMIT_STORE: 'memory',
}
for (const name of ['REDIS_URL', 'RABBITMQ_URL', 'SMTP_HOST', 'S3_BUCKET', 'ELASTICSEARCH_URL'])
  delete env[name]

let server
try {
  const migrated = spawnSync(process.execPath, ['ace.js', 'migration:run', '--force'], {
    cwd: BACKEND,
    env,
    stdio: 'ignore',
  })
  if (migrated.status !== 0) throw new Error('migrations failed on PGlite')
  server = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: BACKEND,
    env,
    stdio: 'inherit',
  })
  const baseUrl = `http://localhost:${PORT}`
  await eventually(
    'the server start',
    async () => (await fetch(`${baseUrl}/health/ready`).catch(() => null))?.ok === true,
    60
  )
  console.log('\nembedded defaults (PGlite, worker in the web process)')

  const session = httpSession(baseUrl)
  let organizationId
  await check(
    'sign-up answers 201 and its verification mail is written by the mail job',
    async () => {
      const signUp = await session.call('POST', '/api/v1/auth/sign-up', {
        fullName: 'Neema Furaha',
        email: 'neema@example.cd',
        password: 'motdepasse-solide',
      })
      if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}`)
      const mails = join(dataDir, 'mails')
      await eventually(
        'the verification mail',
        () =>
          existsSync(mails) && readdirSync(mails).some((file) => file.includes('neema@example.cd'))
      )
      const file = readdirSync(mails).find((file) => file.includes('neema@example.cd'))
      if (!readFileSync(join(mails, file), 'utf8').includes('/verify-email?token='))
        throw new Error('the mail has no verification link')
    }
  )

  await check(
    'sign-ins at the same time all answer (rate limits on the embedded database)',
    async () => {
      // Several at once, so that the pool hands them different connections of PGlite's one session.
      const attempts = await Promise.all(
        Array.from({ length: 6 }, async (_, index) => {
          const response = await httpSession(baseUrl).call('POST', '/api/v1/auth/sign-in', {
            email: 'neema@example.cd',
            password: index % 2 ? 'pas-le-bon-mot' : 'motdepasse-solide',
          })
          return response.status
        })
      )
      const expected = attempts.map((_, index) => (index % 2 ? 400 : 200))
      if (attempts.join() !== expected.join())
        throw new Error(`sign-ins answered ${attempts.join(', ')}`)
    }
  )

  await check('a new contact becomes searchable once the worker delivered its event', async () => {
    const created = await session.call('POST', '/api/v1/orgs', { name: 'Kivu Café SARL' })
    organizationId = created.body.organization.id
    const enabled = await session.call(
      'POST',
      `/api/v1/orgs/${organizationId}/modules/contacts/enable`
    )
    if (enabled.status !== 200) throw new Error(`enabling contacts answered ${enabled.status}`)
    const contact = await session.call('POST', `/api/v1/orgs/${organizationId}/contacts`, {
      kind: 'company',
      name: 'Société Zawadi Logistique',
      isCustomer: true,
      isSupplier: false,
      city: 'Goma',
    })
    if (contact.status !== 201) throw new Error(`creating the contact answered ${contact.status}`)
    await eventually('the search result', async () => {
      const found = await session.call(
        'GET',
        `/api/v1/orgs/${organizationId}/search?q=societe%20zawadi`
      )
      return (
        found.status === 200 &&
        found.body.data.some((hit) => hit.title === 'Société Zawadi Logistique')
      )
    })
  })

  await check('the web process keeps answering while the worker runs', async () => {
    const list = await session.call('GET', `/api/v1/orgs/${organizationId}/contacts`)
    if (list.status !== 200 || list.body.meta.total !== 1)
      throw new Error(`list answered ${list.status}`)
  })
} finally {
  server?.kill('SIGTERM')
  await new Promise((r) => setTimeout(r, 500))
  database.server.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}

finish('embedded')
