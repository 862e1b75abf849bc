import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ScheduleRegistry } from '../../../app/jobs/schedules.ts'

// Real transactions (no global one): two workers must race for a slot on separate connections.
test.group('Jobs / schedules', (group) => {
  const cleanUp = async () => {
    await db.from('platform.schedule_slots').where('name', 'like', 'schedtest.%').delete()
  }
  group.each.setup(async () => {
    await cleanUp()
    return cleanUp
  })

  test('two worker processes claiming the same slot run it once', async ({ assert }) => {
    const runs: Date[] = []
    const workers = [new ScheduleRegistry(), new ScheduleRegistry(), new ScheduleRegistry()]
    for (const worker of workers) {
      worker.register('schedtest.daily', '30 10 * * *', async (slot) => {
        runs.push(slot)
        // Holds the claiming transaction open while the others try.
        await new Promise((resolve) => setTimeout(resolve, 50))
      }, { timezone: 'Africa/Kinshasa' })
    }
    const now = new Date('2026-03-02T12:00:00Z')
    const ran = await Promise.all(workers.map((worker) => worker.runDue(now)))
    assert.lengthOf(runs, 1)
    assert.equal(runs[0].toISOString(), '2026-03-02T09:30:00.000Z')
    assert.equal(ran.flat().length, 1)
    assert.deepEqual(await workers[0].runDue(new Date('2026-03-02T20:00:00Z')), [])
  })

  test('after downtime the latest missed slot runs once, not every missed one; a failed run is tried again', async ({ assert }) => {
    const runs: string[] = []
    let fail = true
    const worker = new ScheduleRegistry()
    worker.register('schedtest.catchup', '30 10 * * *', async (slot) => {
      if (fail) throw new Error('provider down')
      runs.push(slot.toISOString())
    })
    // Down from the 2nd to the 6th: the 6th's 10:30 slot is the one to run.
    await assert.rejects(() => worker.runDue(new Date('2026-03-06T12:00:00Z')), 'provider down')
    assert.lengthOf(await db.from('platform.schedule_slots').where('name', 'schedtest.catchup'), 0)
    fail = false
    assert.deepEqual(await worker.runDue(new Date('2026-03-06T12:00:30Z')), ['schedtest.catchup'])
    assert.deepEqual(runs, ['2026-03-06T09:30:00.000Z'])
    assert.deepEqual(await worker.runDue(new Date('2026-03-06T23:00:00Z')), [])
  })

  test('refuses a badly named or twice registered schedule, and a wrong cron expression', ({ assert }) => {
    const registry = new ScheduleRegistry()
    assert.throws(() => registry.register('daily', '* * * * *', async () => {}), /<module>\.<schedule>/)
    registry.register('schedtest.once', '* * * * *', async () => {})
    assert.throws(() => registry.register('schedtest.once', '* * * * *', async () => {}), /registered twice/)
    assert.throws(() => registry.register('schedtest.bad', 'every day', async () => {}))
  })
})
