import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { events, jobs } from '../../../contracts/jobs.ts'
import { createOwnerWithOrganization } from '../../helpers.ts'
import '../../fixtures/test_jobs.ts'

test.group('Jobs | outbox', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a job and an event commit with the business transaction', async ({ assert }) => {
    const { organization } = await createOwnerWithOrganization()
    const [jobId, eventId] = await db.transaction(async (client) => [
      await jobs.dispatch(
        'platformtest.effect',
        { seq: 1 },
        { client, organizationId: organization.id, label: { fr: 'Essai', en: 'Test' } }
      ),
      await events.publish(
        'platformtest.thing.happened',
        { seq: 1 },
        { client, organizationId: organization.id }
      ),
    ])
    const rows = await db
      .from('platform.outbox')
      .whereIn('message_id', [jobId, eventId])
      .orderBy('kind')
    assert.deepEqual(
      rows.map((row) => [row.kind, row.name, row.organization_id, row.published_at]),
      [
        ['event', 'platformtest.thing.happened', organization.id, null],
        ['job', 'platformtest.effect', organization.id, null],
      ]
    )
    const job = await db.from('platform.jobs').where('id', jobId).first()
    assert.equal(job.status, 'queued')
    assert.deepEqual(job.label, { fr: 'Essai', en: 'Test' })
  })

  test('a job and an event roll back with the business transaction', async ({ assert }) => {
    const { organization } = await createOwnerWithOrganization()
    let ids: string[] = []
    await assert.rejects(() =>
      db.transaction(async (client) => {
        ids = [
          await jobs.dispatch(
            'platformtest.effect',
            { seq: 2 },
            { client, organizationId: organization.id }
          ),
          await events.publish(
            'platformtest.thing.happened',
            { seq: 2 },
            { client, organizationId: organization.id }
          ),
        ]
        throw new Error('the business change failed')
      })
    )
    assert.lengthOf(ids, 2)
    assert.lengthOf(await db.from('platform.outbox').whereIn('message_id', ids), 0)
    assert.lengthOf(await db.from('platform.jobs').whereIn('id', ids), 0)
  })

  test('many events publish in one write, in order, each with its own id, and roll back together', async ({
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization()
    const payloads = [{ seq: 1 }, { seq: 2 }, { seq: 3 }]
    const ids = await db.transaction((client) =>
      events.publishMany('platformtest.thing.happened', payloads, {
        client,
        organizationId: organization.id,
      })
    )
    assert.lengthOf(new Set(ids), 3)
    const rows = await db.from('platform.outbox').whereIn('message_id', ids)
    assert.deepEqual(
      ids.map((id) => rows.find((row) => row.message_id === id)?.payload),
      payloads,
      'one row per payload, in the order given'
    )
    assert.deepEqual(
      await events.publishMany('platformtest.thing.happened', [], {
        organizationId: organization.id,
      }),
      []
    )

    let lost: string[] = []
    await assert.rejects(() =>
      db.transaction(async (client) => {
        lost = await events.publishMany('platformtest.thing.happened', payloads, {
          client,
          organizationId: organization.id,
        })
        throw new Error('the business change failed')
      })
    )
    assert.lengthOf(await db.from('platform.outbox').whereIn('message_id', lost), 0)
  })

  test('dispatching an unregistered job fails at once', async ({ assert }) => {
    await assert.rejects(() => jobs.dispatch('platformtest.unknown', {}), /not registered/)
  })

  test('a module publishes its declared events in its own transactions (the probe fixture module)', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const { enableModule } = await import('../../helpers.ts')
    await enableModule(organization, 'probe', owner)
    const notes = []
    for (const text of ['Première note', 'Deuxième note']) {
      const created = await client
        .post(`/api/v1/orgs/${organization.id}/probe/notes`)
        .json({ text })
        .loginAs(owner)
        .withCsrfToken()
      created.assertStatus(201)
      notes.push(created.body().note)
    }
    const refused = await client
      .post(`/api/v1/orgs/${organization.id}/probe/notes`)
      .json({ text: '' })
      .loginAs(owner)
      .withCsrfToken()
    refused.assertStatus(422)
    const rows = await db
      .from('platform.outbox')
      .where({ organization_id: organization.id, kind: 'event' })
      .orderBy('created_at')
    assert.deepEqual(
      rows.map((row) => row.name),
      ['probe.note.created', 'probe.note.created']
    )
    assert.deepEqual(
      rows.map((row) => row.payload),
      notes
    )
  })
})
