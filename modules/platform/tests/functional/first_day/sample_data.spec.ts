import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import type { User } from '../../helpers.ts'
import emitter from '@adonisjs/core/services/emitter'
import {
  addMember,
  auditTrail,
  createOwnerWithOrganization,
  createUser,
  enableModule,
  runQueuedJobs,
  type JobProgressEvent,
} from '../../helpers.ts'

const onboardingUrl = (organizationId: string, rest = '') =>
  `/api/v1/orgs/${organizationId}/onboarding${rest}`

/** The organisation's contacts as its owner lists them (the platform reads no table of Contacts). */
async function contactNames(client: ApiClient, owner: User, organizationId: string) {
  const response = await client
    .get(`/api/v1/orgs/${organizationId}/contacts?perPage=100&sort=name`)
    .loginAs(owner)
  return (response.body().data as { name: string }[]).map((contact) => contact.name)
}

test.group('First day / sample data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('offered once a module with sample data is enabled; loaded by a job with progress, marked, searchable', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const read = async () =>
      (await client.get(onboardingUrl(organization.id)).loginAs(owner)).body().onboarding
    assert.deepEqual((await read()).sampleData, { available: false, loaded: false })
    const early = await client
      .post(onboardingUrl(organization.id, '/sample-data'))
      .loginAs(owner)
      .withCsrfToken()
    early.assertStatus(409)
    early.assertBodyContains({ errors: [{ code: 'E_SAMPLE_DATA_UNAVAILABLE' }] })

    await enableModule(organization, 'contacts', owner)
    assert.deepEqual((await read()).sampleData, { available: true, loaded: false })
    const queued = await client
      .post(onboardingUrl(organization.id, '/sample-data'))
      .loginAs(owner)
      .withCsrfToken()
    queued.assertStatus(202)
    const { jobId } = queued.body()
    assert.deepEqual((await read()).sampleData, { available: true, loaded: true })
    const twice = await client
      .post(onboardingUrl(organization.id, '/sample-data'))
      .loginAs(owner)
      .withCsrfToken()
    twice.assertStatus(409)
    twice.assertBodyContains({
      errors: [
        { code: 'E_SAMPLE_DATA_LOADED', message: "Les données d'exemple sont déjà chargées." },
      ],
    })

    const progress: JobProgressEvent[] = []
    const listener = (event: JobProgressEvent) => event.jobId === jobId && progress.push(event)
    emitter.on('platform:job.progress', listener)
    try {
      await runQueuedJobs()
    } finally {
      emitter.off('platform:job.progress', listener)
    }
    assert.deepEqual(progress[0].label, {
      fr: "Chargement des données d'exemple",
      en: 'Loading sample data',
    })
    assert.deepInclude(
      progress.map((event) => event.message),
      { fr: 'Modules remplis : 1 sur 1', en: 'Modules filled: 1 of 1' }
    )
    assert.equal(progress.at(-1)!.status, 'completed')

    const names = await contactNames(client, owner, organization.id)
    assert.isAbove(names.length, 4)
    assert.include(names, 'Brasserie des Grands Lacs SARL')
    const search = await client
      .get(`/api/v1/orgs/${organization.id}/search?q=brasserie`)
      .loginAs(owner)
    assert.isAbove(search.body().data.length, 0, 'the sample contacts are searchable')
    assert.deepEqual(
      (
        await auditTrail({
          organization_id: organization.id,
          action: 'organization.sample_data_loaded',
        })
      )[0].metadata,
      { modules: ['contacts'] }
    )
  })

  test("removed in one click: the sample rows go, the organisation's own contacts stay", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    await enableModule(organization, 'contacts', owner)
    ;(
      await client
        .post(onboardingUrl(organization.id, '/sample-data'))
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(202)
    await runQueuedJobs()
    const own = await client
      .post(`/api/v1/orgs/${organization.id}/contacts`)
      .loginAs(owner)
      .withCsrfToken()
      .json({ kind: 'company', name: 'Ma Vraie Société' })
    own.assertStatus(201)

    const removed = await client
      .delete(onboardingUrl(organization.id, '/sample-data'))
      .loginAs(owner)
      .withCsrfToken()
    removed.assertStatus(202)
    await runQueuedJobs()
    assert.deepEqual(await contactNames(client, owner, organization.id), ['Ma Vraie Société'])
    const search = await client
      .get(`/api/v1/orgs/${organization.id}/search?q=brasserie`)
      .loginAs(owner)
    assert.lengthOf(search.body().data, 0, 'the removed contacts left the search index')
    const state = (await client.get(onboardingUrl(organization.id)).loginAs(owner)).body()
      .onboarding.sampleData
    assert.deepEqual(state, { available: true, loaded: false })
    const again = await client
      .delete(onboardingUrl(organization.id, '/sample-data'))
      .loginAs(owner)
      .withCsrfToken()
    again.assertStatus(409)
    again.assertBodyContains({ errors: [{ code: 'E_SAMPLE_DATA_NONE' }] })
  })

  test("a member cannot load or remove sample data; another organisation's answers 404 and is left alone", async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    await enableModule(organization, 'contacts', owner)
    const member = await createUser()
    await addMember(organization, member, 'member')
    ;(
      await client
        .post(onboardingUrl(organization.id, '/sample-data'))
        .loginAs(member)
        .withCsrfToken()
    ).assertStatus(403)
    ;(
      await client
        .delete(onboardingUrl(organization.id, '/sample-data'))
        .loginAs(member)
        .withCsrfToken()
    ).assertStatus(403)

    const other = await createOwnerWithOrganization()
    await enableModule(other.organization, 'contacts', other.owner)
    ;(
      await client
        .post(onboardingUrl(other.organization.id, '/sample-data'))
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(404)
    await runQueuedJobs()
    assert.deepEqual(await contactNames(client, other.owner, other.organization.id), [])
  })
})
