/*
 * Starts the real application for browser tests: a fresh PostgreSQL database, migrations, the
 * built shell and remotes, one backend process on its own port.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BACKEND = join(ROOT, 'backend')
const pg = createRequire(join(BACKEND, 'package.json'))('pg')

/** Drops and recreates `database` on the local PostgreSQL. */
async function resetDatabase(database) {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${database}"`)
  await admin.end()
}

/** Starts the app on `port` with a fresh database; resolves once it answers. */
export async function startApp({ port, database }) {
  await resetDatabase(database)
  const dataDir = mkdtempSync(join(tmpdir(), 'ia-e2e-'))
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: `http://localhost:${port}`,
    APP_KEY: 'e2e-only-app-key-0123456789abcdef',
    LOG_LEVEL: 'warn',
    // The mobile-money scenario's local Unipesa listens on 127.0.0.1.
    PAYMENT_GATEWAY_ALLOW_PRIVATE_HOSTS: 'true',
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    DATA_DIR: dataDir,
  }
  const migrated = spawnSync(process.execPath, ['ace.js', 'migration:run', '--force'], {
    cwd: BACKEND,
    env,
    stdio: 'inherit',
  })
  if (migrated.status !== 0) throw new Error('migrations failed')
  const server = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: BACKEND,
    env,
    stdio: 'inherit',
  })
  const baseUrl = `http://localhost:${port}`
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).ok)
        return { baseUrl, dataDir, env, stop: () => server.kill('SIGTERM') }
    } catch {}
    await new Promise((r) => setTimeout(r, 250))
  }
  server.kill('SIGTERM')
  throw new Error('the app did not start')
}
