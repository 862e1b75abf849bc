import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { jobs } from '../../../contracts/jobs.ts'
import { handlerRegistry } from '../../../app/jobs/registry.ts'
import { Scheduler } from '../../../app/jobs/scheduler.ts'

const HOURLY = 'platformtest.hourly_report'
const MORNING = 'platformtest.morning_digest'
/** The schedules of this file: the modules' own (the daily rates...) are not ticked here. */
const OURS = [HOURLY, MORNING]

if (!handlerRegistry.job(HOURLY)) {
  jobs.register(HOURLY, async () => {})
  jobs.schedule(HOURLY, { cron: '0 * * * *' })
  jobs.register(MORNING, async () => {})
  jobs.schedule(MORNING, { cron: '0 6 * * *', timeZone: 'Africa/Kinshasa' })
}

/** The slots queued for `name`, in order. */
async function queuedSlots(name: string) {
  const rows = await db
    .from('platform.outbox')
    .where('name', name)
    .orderBy('created_at')
    .select('payload')
  return rows.map((row) => (row.payload as { slot: string }).slot).sort()
}

async function clean() {
  await db.from('platform.outbox').whereIn('name', [HOURLY, MORNING]).delete()
  await db.from('platform.jobs').whereIn('name', [HOURLY, MORNING]).delete()
  await db.from('platform.job_schedules').whereIn('name', [HOURLY, MORNING]).delete()
}

test.group('Jobs / schedules', (group) => {
  group.each.setup(clean)
  group.each.teardown(clean)

  test('a schedule seen for the first time starts at its next slot, then queues each slot once', async ({
    assert,
  }) => {
    const scheduler = new Scheduler()
    await scheduler.tickOnce(new Date('2026-12-07T10:05:00Z'), OURS)
    assert.deepEqual(
      await queuedSlots(HOURLY),
      [],
      'the 10:00 slot was before the schedule existed'
    )
    await scheduler.tickOnce(new Date('2026-12-07T10:59:59Z'), OURS)
    assert.deepEqual(await queuedSlots(HOURLY), [])
    await scheduler.tickOnce(new Date('2026-12-07T11:00:00Z'), OURS)
    await scheduler.tickOnce(new Date('2026-12-07T11:00:30Z'), OURS)
    assert.deepEqual(await queuedSlots(HOURLY), ['2026-12-07T11:00:00.000Z'])
  })

  test('the slots missed while no worker ran are each queued once when one starts again', async ({
    assert,
  }) => {
    const scheduler = new Scheduler()
    await scheduler.tickOnce(new Date('2026-12-07T10:05:00Z'), OURS)
    // Down from 10:05 to 13:20.
    await scheduler.tickOnce(new Date('2026-12-07T13:20:00Z'), OURS)
    await scheduler.tickOnce(new Date('2026-12-07T13:20:30Z'), OURS)
    assert.deepEqual(await queuedSlots(HOURLY), [
      '2026-12-07T11:00:00.000Z',
      '2026-12-07T12:00:00.000Z',
      '2026-12-07T13:00:00.000Z',
    ])
  })

  test('workers ticking at the same instant queue each slot once (the slot row is taken under a lock)', async ({
    assert,
  }) => {
    await new Scheduler().tickOnce(new Date('2026-12-07T10:05:00Z'), OURS)
    const workers = Array.from({ length: 6 }, () => new Scheduler())
    const queued = await Promise.all(
      workers.map((worker) => worker.tickOnce(new Date('2026-12-07T12:10:00Z'), OURS))
    )
    assert.equal(
      queued.reduce((sum, count) => sum + count, 0),
      2,
      'the hourly 11:00 and 12:00; the morning digest is not due'
    )
    assert.deepEqual(await queuedSlots(HOURLY), [
      '2026-12-07T11:00:00.000Z',
      '2026-12-07T12:00:00.000Z',
    ])
  })

  test('a schedule is read in its time zone: 06:00 in Kinshasa is 05:00 UTC', async ({
    assert,
  }) => {
    const scheduler = new Scheduler()
    await scheduler.tickOnce(new Date('2026-12-06T12:00:00Z'), OURS)
    await scheduler.tickOnce(new Date('2026-12-08T12:00:00Z'), OURS)
    assert.deepEqual(await queuedSlots(MORNING), [
      '2026-12-07T05:00:00.000Z',
      '2026-12-08T05:00:00.000Z',
    ])
  })

  test('a schedule is refused when its job is unknown, scheduled twice or its expression is wrong', ({
    assert,
  }) => {
    assert.throws(
      () => jobs.schedule('platformtest.nobody', { cron: '* * * * *' }),
      /register the job before its schedule/
    )
    assert.throws(() => jobs.schedule(HOURLY, { cron: '0 * * * *' }), /scheduled twice/)
    jobs.register('platformtest.badly_timed', async () => {})
    assert.throws(
      () => jobs.schedule('platformtest.badly_timed', { cron: '61 * * * *' }),
      /Schedule of "platformtest.badly_timed"/
    )
  })
})
