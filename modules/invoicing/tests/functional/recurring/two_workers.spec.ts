import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  messagesQueuedSince,
  pendingMessages,
  scheduleLastSlot,
  setScheduleLastSlot,
  type Organization,
  type User,
} from '@ia/platform/testing'
import { ISSUE_RECURRING_JOB, RECURRING_SCHEDULE } from '../../../app/services/recurring.ts'
import { createCustomer, createInvoicingOrganization } from '../../helpers.ts'
import { dropOrganization } from '../../committed.ts'

const BACKEND = fileURLToPath(new URL('../../../../../backend/', import.meta.url))

/** A `jobs:work` process of the application, on the test database, looking for work every 100 ms. */
function startWorker(): ChildProcess {
  return spawn(process.execPath, ['ace.js', 'jobs:work'], {
    cwd: BACKEND,
    env: { ...process.env, NODE_ENV: 'test', JOBS_POLL_MS: '100', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
}

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

/** Work still queued for the recurring invoices (the daily runs and the issuing jobs). */
const pendingRecurringWork = () => pendingMessages([RECURRING_SCHEDULE.name, ISSUE_RECURRING_JOB])

// Two processes share the database, so this test commits and cleans up instead of rolling back.
test.group('Invoicing / recurring invoices with two worker processes', (group) => {
  let world: { owner: User; organization: Organization } | undefined
  const workers: ChildProcess[] = []
  group.each.teardown(async () => {
    await Promise.all(workers.map(stop))
    await setScheduleLastSlot(RECURRING_SCHEDULE.name, null)
    if (world) await dropOrganization(world.organization, world.owner)
  })

  test('after a downtime the two workers issue each missed occurrence once, numbered without a gap', async ({
    client,
    assert,
  }) => {
    world = await createInvoicingOrganization({ currency: 'CDF' })
    const { owner, organization } = world
    const customerId = await createCustomer(client, owner, organization)
    // A monthly invoice started two months ago, and workers down for the last three daily runs.
    const start = DateTime.now().setZone('Africa/Kinshasa').minus({ months: 2 }).startOf('day')
    const [template] = await db
      .table('invoicing.recurring_invoices')
      .insert({
        organization_id: organization.id,
        customer_id: customerId,
        customer_name: 'Brasserie de Kinshasa',
        frequency: 'monthly',
        start_date: start.toISODate(),
        next_issue_date: start.toISODate(),
        issued_count: 0,
        status: 'active',
        currency: 'CDF',
        payment_terms_days: 30,
        lines: JSON.stringify([
          { description: 'Maintenance', quantity: '1', unitPrice: '1000', taxGroup: 'B' },
        ]),
        created_by: owner.id,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
    const nowInKinshasa = DateTime.now().setZone('Africa/Kinshasa')
    const lastSlotDay = nowInKinshasa.hour >= 6 ? nowInKinshasa : nowInKinshasa.minus({ days: 1 })
    const missedFrom = lastSlotDay.minus({ days: 3 }).set({ hour: 6, minute: 0, second: 0 })
    await setScheduleLastSlot(RECURRING_SCHEDULE.name, missedFrom.toJSDate())
    const expected = [0, 1, 2]
      .map((months) => start.plus({ months }).toISODate()!)
      .filter((date) => date <= lastSlotDay.toISODate()!)

    workers.push(startWorker(), startWorker())
    await until('the missed daily runs to be queued and worked', async () => {
      const lastSlot = await scheduleLastSlot(RECURRING_SCHEDULE.name)
      return (
        lastSlot !== null &&
        lastSlot > missedFrom.toJSDate() &&
        (await pendingRecurringWork()) === 0
      )
    })
    // Both workers ticked and ran: give a late duplicate the time to show itself.
    await new Promise((resolve) => setTimeout(resolve, 1500))

    const year = DateTime.now().year
    const invoices = await db
      .from('invoicing.documents')
      .where('organization_id', organization.id)
      .where('kind', 'invoice')
      .orderBy('number')
      .select('number')
    assert.deepEqual(
      invoices.map((invoice) => invoice.number),
      expected.map((_date, index) => `FA-${year}-${String(index + 1).padStart(4, '0')}`)
    )
    const occurrences = await db
      .from('invoicing.recurring_occurrences')
      .where('recurring_invoice_id', template.id)
      .orderBy('occurrence_date')
    assert.deepEqual(
      occurrences.map((row) => DateTime.fromJSDate(row.occurrence_date).toISODate()),
      expected
    )
    assert.equal(
      await messagesQueuedSince(RECURRING_SCHEDULE.name, missedFrom.toJSDate()),
      3,
      'each of the three missed daily runs was queued once'
    )
  }).timeout(180_000)
})
