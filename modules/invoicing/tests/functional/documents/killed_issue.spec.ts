import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { User, type Organization } from '@ia/platform/testing'
import { createCustomer, createDraft, createInvoicingOrganization, issue } from '../../helpers.ts'
import { dropOrganization } from '../../committed.ts'

const BACKEND = fileURLToPath(new URL('../../../../../backend/', import.meta.url))
const year = DateTime.now().year

async function freePort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const found = await probe().catch(() => null)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

/** The application's web server as its own process, on its own port, sharing the test database. */
async function startServer(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: BACKEND,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const baseUrl = `http://127.0.0.1:${port}`
  await until('the server to start', async () => (await fetch(`${baseUrl}/health/ready`)).ok)
  return { child, baseUrl }
}

// This test commits (two processes share the database), so it cleans up instead of rolling back.
test.group('Invoicing / a process killed while issuing', (group) => {
  let world: { owner: User; organization: Organization } | undefined
  let server: ChildProcess | undefined
  group.each.teardown(async () => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL')
    if (world) await dropOrganization(world.organization, world.owner)
  })

  test('SIGKILL after the number is taken leaves no gap and no half invoice', async ({
    client,
    assert,
  }) => {
    world = await createInvoicingOrganization({ currency: 'CDF' })
    const { owner, organization } = world
    const customerId = await createCustomer(client, owner, organization)
    const lines = [{ description: 'Service', quantity: '2', unitPrice: '100' }]
    const doomed = (await createDraft(client, owner, organization, { customerId, lines })).body()
      .document
    const next = (await createDraft(client, owner, organization, { customerId, lines })).body()
      .document
    const token = (await User.accessTokens.create(owner)).value!.release()
    const started = await startServer()
    server = started.child

    // Holding the draft's lines makes the other process stop inside its issuing transaction, after
    // it has taken the number and just before it rewrites the lines: then it is killed.
    const hold = await db.transaction()
    await hold.rawQuery(
      'SELECT id FROM invoicing.document_lines WHERE document_id = ? FOR UPDATE',
      [doomed.id]
    )
    const url = `${started.baseUrl}/api/v1/orgs/${organization.id}/invoicing/documents/${doomed.id}/issue`
    const request = fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    }).catch((error: Error) => error)
    const blocked = await until('the issue to wait on the held lines', async () => {
      const { rows } = await db.rawQuery(
        `SELECT a.pid FROM pg_stat_activity a
          WHERE a.wait_event_type = 'Lock' AND a.query ILIKE 'delete from "invoicing"."document_lines"%'
            AND EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                         WHERE l.pid = a.pid AND c.relname = 'number_counters' AND l.granted)`
      )
      return rows[0]?.pid as number | undefined
    })
    const exited = new Promise((resolve) => server!.once('exit', resolve))
    server.kill('SIGKILL')
    await exited
    assert.instanceOf(await request, Error)
    await hold.rollback()
    await until("the killed process's transaction to end", async () => {
      const { rows } = await db.rawQuery(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ?',
        [blocked]
      )
      return rows[0].n === 0
    })

    const stillDraft = await db.from('invoicing.documents').where('id', doomed.id).firstOrFail()
    assert.containsSubset(stillDraft, { status: 'draft', number: null })
    assert.lengthOf(await db.from('invoicing.document_lines').where('document_id', doomed.id), 1)
    assert.lengthOf(
      await db.from('invoicing.number_counters').where('organization_id', organization.id),
      0
    )

    assert.equal(
      (await issue(client, owner, organization, next.id)).body().document.number,
      `FA-${year}-0001`
    )
    assert.equal(
      (await issue(client, owner, organization, doomed.id)).body().document.number,
      `FA-${year}-0002`
    )
  })
})
