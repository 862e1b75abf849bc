import emitter from '@adonisjs/core/services/emitter'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { jobs } from '../../../contracts/jobs.ts'
import { addMember, createOwnerWithOrganization, createUser } from '../../helpers.ts'
import '../../fixtures/test_jobs.ts'

/** A job of `organizationId` that ran out of attempts. */
async function failedJob(organizationId: string) {
  const id = await jobs.dispatch(
    'platformtest.poison',
    {},
    { organizationId, label: { fr: 'Relance', en: 'Reminder' } }
  )
  await db
    .from('platform.jobs')
    .where('id', id)
    .update({ status: 'failed', attempts: 2, last_error: 'Error: this job always fails' })
  await db.from('platform.outbox').where('message_id', id).update({ published_at: new Date() })
  return id
}

test.group('Jobs | admin API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('admins list failed jobs with their error', async ({ client, assert }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const failed = await failedJob(organization.id)
    await jobs.dispatch('platformtest.effect', { seq: 1 }, { organizationId: organization.id })

    const all = await client.get(`/api/v1/orgs/${organization.id}/jobs`).loginAs(owner)
    all.assertStatus(200)
    assert.equal(all.body().meta.total, 2)
    const response = await client
      .get(`/api/v1/orgs/${organization.id}/jobs?status=failed`)
      .loginAs(owner)
    response.assertStatus(200)
    assert.deepEqual(response.body().meta, { total: 1, perPage: 25, currentPage: 1, lastPage: 1 })
    const [job] = response.body().data
    assert.equal(job.id, failed)
    assert.equal(job.status, 'failed')
    assert.equal(job.error, 'Error: this job always fails')
    assert.deepEqual(job.label, { fr: 'Relance', en: 'Reminder' })
    assert.equal(job.maxAttempts, 2)
    const invalid = await client
      .get(`/api/v1/orgs/${organization.id}/jobs?status=lost`)
      .loginAs(owner)
    invalid.assertStatus(422)
  })

  test('retry queues a failed job again through the outbox; discard gives it up', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const toRetry = await failedJob(organization.id)
    const toDiscard = await failedJob(organization.id)

    const announced: { jobId: string; status: string }[] = []
    const listener = (event: { jobId: string; status: string }) => void announced.push(event)
    emitter.on('platform:job.progress', listener)
    const retried = await client
      .post(`/api/v1/orgs/${organization.id}/jobs/${toRetry}/retry`)
      .loginAs(owner)
      .withCsrfToken()
    emitter.off('platform:job.progress', listener)
    retried.assertStatus(200)
    assert.equal(retried.body().job.status, 'queued')
    assert.isTrue(
      announced.some((event) => event.jobId === toRetry && event.status === 'queued'),
      'the jobs trays hear it is queued again'
    )
    assert.equal(retried.body().job.attempts, 0)
    const pending = await db
      .from('platform.outbox')
      .where('message_id', toRetry)
      .whereNull('published_at')
    assert.lengthOf(pending, 1)

    const discarded = await client
      .post(`/api/v1/orgs/${organization.id}/jobs/${toDiscard}/discard`)
      .loginAs(owner)
      .withCsrfToken()
    discarded.assertStatus(200)
    assert.equal(discarded.body().job.status, 'discarded')

    const again = await client
      .post(`/api/v1/orgs/${organization.id}/jobs/${toDiscard}/retry`)
      .loginAs(owner)
      .withCsrfToken()
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_JOB_NOT_FAILED')
    const english = await client
      .post(`/api/v1/orgs/${organization.id}/jobs/${toRetry}/discard`)
      .header('Accept-Language', 'en')
      .loginAs(owner)
      .withCsrfToken()
    english.assertStatus(409)
    assert.include(
      [
        'Only a failed job can be retried or discarded.',
        'Seule une tâche en échec peut être relancée ou abandonnée.',
      ],
      english.body().errors[0].message
    )
  })

  test("another organisation's job answers 404; members get 403", async ({ client }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const other = await createOwnerWithOrganization()
    const foreign = await failedJob(other.organization.id)

    const retry = await client
      .post(`/api/v1/orgs/${organization.id}/jobs/${foreign}/retry`)
      .loginAs(owner)
      .withCsrfToken()
    retry.assertStatus(404)
    const discard = await client
      .post(`/api/v1/orgs/${organization.id}/jobs/${foreign}/discard`)
      .loginAs(owner)
      .withCsrfToken()
    discard.assertStatus(404)
    const notUuid = await client
      .post(`/api/v1/orgs/${organization.id}/jobs/not-a-uuid/retry`)
      .loginAs(owner)
      .withCsrfToken()
    notUuid.assertStatus(404)
    const foreignList = await client
      .get(`/api/v1/orgs/${other.organization.id}/jobs`)
      .loginAs(owner)
    foreignList.assertStatus(404)

    const member = await createUser()
    await addMember(organization, member, 'member')
    const own = await failedJob(organization.id)
    const list = await client.get(`/api/v1/orgs/${organization.id}/jobs`).loginAs(member)
    list.assertStatus(403)
    const memberRetry = await client
      .post(`/api/v1/orgs/${organization.id}/jobs/${own}/retry`)
      .loginAs(member)
      .withCsrfToken()
    memberRetry.assertStatus(403)
  })
})
