#!/usr/bin/env node
/*
 * Two `npm start` on one machine, each with its own PORT and DATA_DIR and no service installed: both
 * start, each on its own embedded PostgreSQL (a port chosen at start, checked by its instance id), and
 * each one's jobs and mails stay its own. A third start on a data directory already in use is refused
 * with a clear message, and the instance using it keeps working; a stale lock is taken over.
 * Run with Node 24 from the repository root, after the frontend is built. TWO_INSTANCES_PORT (and the
 * next two ports) keeps concurrent runs apart.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmbeddedPostgres } from '../scripts/embedded_postgres.mjs'
import { checks, eventually } from './checks.mjs'
import { httpSession } from './http_session.mjs'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const pg = createRequire(join(ROOT, 'backend', 'package.json'))('pg')
const FIRST_PORT = Number(process.env.TWO_INSTANCES_PORT ?? 3396)
/** How long an instance has to install nothing, migrate, seed and answer. */
const START_SECONDS = 240

const { check, fail, finish } = checks()

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** `npm start` as a user runs it, on its own port and data directory, with nothing else configured. */
function startInstance(name, port, dataDir) {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: `http://localhost:${port}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  }
  for (const variable of [
    'DATABASE_URL',
    'EMBEDDED_DB_PORT',
    'EMBEDDED_DB_INSTANCE',
    'APP_KEY',
    'NODE_ENV',
    'REDIS_URL',
    'RABBITMQ_URL',
    'SMTP_HOST',
    'S3_BUCKET',
    'ELASTICSEARCH_URL',
  ]) {
    delete env[variable]
  }
  const child = spawn(process.execPath, [join(ROOT, 'infra', 'scripts', 'run.mjs'), 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const instance = {
    name,
    port,
    dataDir,
    child,
    output: '',
    baseUrl: `http://localhost:${port}`,
    exited: null,
  }
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk) => (instance.output += chunk))
  instance.exited = new Promise((done) => child.once('exit', (code) => done(code)))
  return instance
}

async function stopInstance(instance) {
  if (instance.child.exitCode === null && instance.child.signalCode === null)
    instance.child.kill('SIGTERM')
  const stopped = await Promise.race([
    instance.exited.then(() => true),
    new Promise((r) => setTimeout(() => r(false), 20_000)),
  ])
  if (!stopped) instance.child.kill('SIGKILL')
}

/** What the instance's embedded server wrote in its lock file: its pid, port and instance id. */
function lockOf(instance) {
  const file = join(instance.dataDir, 'pglite.lock')
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
}

/** Rows of the instance's own embedded database, read through the port its lock file names. */
async function query(instance, sql) {
  const client = new pg.Client({
    connectionString: `postgres://postgres:postgres@127.0.0.1:${lockOf(instance).port}/postgres`,
  })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

function mailsOf(instance) {
  const folder = join(instance.dataDir, 'mails')
  return existsSync(folder) ? readdirSync(folder) : []
}

const dataDirs = [
  mkdtempSync(join(tmpdir(), 'ia-instance-a-')),
  mkdtempSync(join(tmpdir(), 'ia-instance-b-')),
]
const [first, second] = [
  startInstance('A', FIRST_PORT, dataDirs[0]),
  startInstance('B', FIRST_PORT + 1, dataDirs[1]),
]
const instances = [first, second]
let third = null

try {
  console.log('\ntwo instances on one machine (embedded PostgreSQL each)')
  await check(
    'both instances start side by side, each on its own embedded PostgreSQL',
    async () => {
      for (const instance of instances) {
        await eventually(
          `instance ${instance.name} answering /health/ready`,
          async () => {
            if (instance.child.exitCode !== null)
              throw new Error(`instance ${instance.name} stopped:\n${instance.output.slice(-2000)}`)
            return (await fetch(`${instance.baseUrl}/health/ready`).catch(() => null))?.ok === true
          },
          START_SECONDS
        )
      }
      const [lockA, lockB] = instances.map(lockOf)
      assert(lockA && lockB, 'an embedded server wrote no lock file')
      assert(lockA.port !== lockB.port, `both embedded servers listen on port ${lockA.port}`)
      assert(
        lockA.instanceId !== lockB.instanceId,
        'both embedded servers report the same instance id'
      )
      const [[idA], [idB]] = await Promise.all(
        instances.map((instance) =>
          query(instance, "SELECT current_setting('ia.embedded_instance', true) AS id")
        )
      )
      assert(
        idA.id === lockA.instanceId && idB.id === lockB.instanceId,
        'a server reports another instance id than its lock file'
      )
    }
  )

  await check(
    "each instance's sign-up mail is sent by its own job, into its own mail folder",
    async () => {
      const signUps = await Promise.all(
        instances.map((instance) =>
          httpSession(instance.baseUrl).call('POST', '/api/v1/auth/sign-up', {
            fullName: `Utilisatrice ${instance.name}`,
            email: `instance-${instance.name.toLowerCase()}@example.cd`,
            password: 'motdepasse-solide',
          })
        )
      )
      assert(
        signUps.every((response) => response.status === 201),
        `sign-ups answered ${signUps.map((response) => response.status).join(', ')}`
      )
      for (const instance of instances) {
        const own = `instance-${instance.name.toLowerCase()}@example.cd`
        await eventually(
          `instance ${instance.name}'s verification mail`,
          () => mailsOf(instance).some((file) => file.includes(own)),
          30
        )
      }
      // Give a wrong worker the time to have taken the other's job, then look at both sides.
      await new Promise((r) => setTimeout(r, 2000))
      for (const instance of instances) {
        const other = instances.find((candidate) => candidate !== instance)
        const foreign = mailsOf(instance).filter((file) =>
          file.includes(`instance-${other.name.toLowerCase()}@`)
        )
        assert(
          !foreign.length,
          `instance ${instance.name} sent instance ${other.name}'s mail: ${foreign.join(', ')}`
        )
        const jobs = await query(
          instance,
          'SELECT name, status, payload::text AS payload FROM platform.jobs ORDER BY created_at'
        )
        assert(jobs.length > 0, `instance ${instance.name} has no job`)
        const notDone = jobs.filter((job) => job.status !== 'completed')
        assert(
          !notDone.length,
          `instance ${instance.name} has jobs not completed: ${JSON.stringify(notDone)}`
        )
        const users = await query(instance, 'SELECT email FROM platform.users ORDER BY email')
        assert(
          users.some(
            (user) => user.email === `instance-${instance.name.toLowerCase()}@example.cd`
          ) &&
            !users.some((user) => user.email === `instance-${other.name.toLowerCase()}@example.cd`),
          `instance ${instance.name}'s users: ${users.map((user) => user.email).join(', ')}`
        )
      }
    }
  )

  await check('an account exists only on the instance it signed up on', async () => {
    const elsewhere = await httpSession(second.baseUrl).call('POST', '/api/v1/auth/sign-in', {
      email: 'instance-a@example.cd',
      password: 'motdepasse-solide',
    })
    assert(
      elsewhere.status === 400,
      `signing in on B with A's account answered ${elsewhere.status}`
    )
    const home = await httpSession(first.baseUrl).call('POST', '/api/v1/auth/sign-in', {
      email: 'instance-a@example.cd',
      password: 'motdepasse-solide',
    })
    assert(home.status === 200, `signing in on A answered ${home.status}`)
  })

  await check(
    'a third start on a data directory in use is refused with a clear message; the first keeps working',
    async () => {
      third = startInstance('C', FIRST_PORT + 2, first.dataDir)
      const code = await Promise.race([
        third.exited,
        new Promise((r) => setTimeout(() => r('still running'), START_SECONDS * 1000)),
      ])
      assert(
        code !== 'still running' && code !== 0,
        `the third instance was not refused (exit: ${code})`
      )
      assert(
        third.output.includes(
          `The embedded PostgreSQL data directory ${join(first.dataDir, 'pglite')} is already used by another running instance`
        ),
        `the refusal does not say why:\n${third.output.slice(-1500)}`
      )
      assert(
        third.output.includes(`process ${lockOf(first).pid}`),
        'the refusal does not name the process holding the directory'
      )
      assert((await fetch(`${first.baseUrl}/health/ready`)).ok, 'instance A stopped answering')
      assert(
        lockOf(first).pid !== undefined &&
          lockOf(first).instanceId ===
            (await query(first, "SELECT current_setting('ia.embedded_instance', true) AS id"))[0]
              .id,
        "A's lock changed hands"
      )
    }
  )

  await check('a stopped instance releases its data directory', async () => {
    await stopInstance(second)
    await eventually(
      "B's lock file removed",
      () => !existsSync(join(second.dataDir, 'pglite.lock')),
      20
    )
  })

  await check(
    'a lock left by a dead server, or naming a process that is no embedded server, or empty, is taken over',
    async () => {
      const lockFile = join(second.dataDir, 'pglite.lock')
      const deadPid = spawnSync(process.execPath, ['-e', '']).pid
      for (const content of [
        JSON.stringify({ pid: deadPid, port: 1 }),
        JSON.stringify({ pid: process.pid, port: 1 }),
        '',
      ]) {
        writeFileSync(lockFile, content)
        const database = await startEmbeddedPostgres(join(second.dataDir, 'pglite'))
        const exited = new Promise((done) => database.server.once('exit', done))
        try {
          assert(
            lockOf(second).pid === database.server.pid,
            `the lock ${content || '(empty)'} was not taken over`
          )
        } finally {
          database.server.kill('SIGTERM')
          await exited
        }
      }
      assert(!existsSync(lockFile), 'the server left its lock behind')
    }
  )
} finally {
  for (const instance of [...instances, third].filter(Boolean)) await stopInstance(instance)
  // An embedded server outlives its run.mjs by the time it takes to close the database.
  await eventually(
    'the embedded servers stopped',
    () => instances.every((instance) => !lockOf(instance)),
    20
  ).catch((error) => fail(error.message))
  for (const directory of dataDirs) rmSync(directory, { recursive: true, force: true })
}

finish('two instances')
