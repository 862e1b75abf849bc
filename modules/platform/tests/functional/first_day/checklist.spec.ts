import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { events } from '../../../contracts/jobs.ts'
import {
  addMember,
  createOwnerWithOrganization,
  createUser,
  enableModule,
  runQueuedJobs,
} from '../../helpers.ts'

type Checklist = { steps: { id: string; done: boolean }[]; complete: boolean; dismissed: boolean }

const done = (checklist: Checklist) =>
  checklist.steps.filter((step) => step.done).map((step) => step.id)

test.group('First day / checklist', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('a new organisation starts with every step open, in the home page order', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const response = await client.get(`/api/v1/orgs/${organization.id}/onboarding`).loginAs(owner)
    response.assertStatus(200)
    const checklist: Checklist = response.body().onboarding
    assert.deepEqual(
      checklist.steps.map((step) => step.id),
      ['confirm_email', 'legal_details', 'enable_module', 'import_contacts', 'invite_colleague']
    )
    assert.deepEqual(done(checklist), [])
    assert.isFalse(checklist.complete)
    assert.isFalse(checklist.dismissed)
  })

  test('each step ticks itself from what really happened, and is read in one query', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const { owner, organization } = await createOwnerWithOrganization()
    const read = async () =>
      (await client.get(`/api/v1/orgs/${organization.id}/onboarding`).loginAs(owner)).body()
        .onboarding as Checklist

    owner.emailVerifiedAt = DateTime.now()
    await owner.save()
    assert.deepEqual(done(await read()), ['confirm_email'])

    // Half the legal details is not "complete".
    await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(owner)
      .json({ legalName: 'Kivu Trading SARL', nif: 'A1234567B' })
      .withCsrfToken()
    assert.deepEqual(done(await read()), ['confirm_email'])
    const patched = await client
      .patch(`/api/v1/orgs/${organization.id}`)
      .loginAs(owner)
      .json({
        rccm: 'CD/KNG/RCCM/24-B-01234',
        idNat: '01-83-N12345X',
        address: '12, avenue du Commerce, Gombe',
      })
      .withCsrfToken()
    patched.assertStatus(200)
    assert.deepEqual(done(await read()), ['confirm_email', 'legal_details'])

    await enableModule(organization, 'contacts', owner)
    assert.includeMembers(done(await read()), ['enable_module'])

    // Contacts announces each contact it adds (one by one or by import): the platform listens, it never reads Contacts' tables.
    await events.publish(
      'contacts.contact.created',
      {
        contactId: crypto.randomUUID(),
        kind: 'company',
        name: 'Client',
        isCustomer: true,
        isSupplier: false,
      },
      { organizationId: organization.id }
    )
    await runQueuedJobs()
    assert.includeMembers(done(await read()), ['import_contacts'])

    await client
      .post(`/api/v1/orgs/${organization.id}/invitations`)
      .loginAs(owner)
      .json({ email: 'collegue@example.cd', role: 'member' })
      .withCsrfToken()
    const last = await read()
    assert.isTrue(last.complete)

    const queries: string[] = []
    const listener = (query: { sql: string }) => queries.push(query.sql)
    db.connection().getWriteClient().on('query', listener)
    try {
      await client.get(`/api/v1/orgs/${organization.id}/onboarding`).loginAs(owner)
    } finally {
      db.connection().getWriteClient().removeListener('query', listener)
    }
    assert.lengthOf(
      queries.filter((sql) => sql.includes('organization_onboarding')),
      1,
      'the checklist is one query'
    )
  })

  test('a colleague who joined counts as invited; an event of another organisation ticks nothing here', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const other = await createOwnerWithOrganization()
    await events.publish(
      'contacts.contact.created',
      {
        contactId: crypto.randomUUID(),
        kind: 'company',
        name: 'Client',
        isCustomer: true,
        isSupplier: false,
      },
      { organizationId: other.organization.id }
    )
    await runQueuedJobs()
    await addMember(organization, await createUser(), 'member')
    const checklist: Checklist = (
      await client.get(`/api/v1/orgs/${organization.id}/onboarding`).loginAs(owner)
    ).body().onboarding
    assert.deepEqual(done(checklist), ['invite_colleague'])
  })

  test('the list can be put away only once done, then stays away for the whole organisation', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const early = await client
      .post(`/api/v1/orgs/${organization.id}/onboarding/dismiss`)
      .loginAs(owner)
      .withCsrfToken()
    early.assertStatus(409)
    early.assertBodyContains({
      errors: [
        {
          code: 'E_ONBOARDING_NOT_DONE',
          message:
            "La liste de démarrage ne peut être masquée qu'une fois toutes les étapes faites.",
        },
      ],
    })

    owner.emailVerifiedAt = DateTime.now()
    await owner.save()
    organization.merge({
      legalName: 'Kivu Trading SARL',
      nif: 'A1234567B',
      rccm: 'CD/KNG/RCCM/24-B-01234',
      idNat: '01-83-N12345X',
      address: 'Gombe',
    })
    await organization.save()
    await enableModule(organization, 'contacts', owner)
    await events.publish(
      'contacts.contact.created',
      {
        contactId: crypto.randomUUID(),
        kind: 'company',
        name: 'Client',
        isCustomer: true,
        isSupplier: false,
      },
      { organizationId: organization.id }
    )
    await runQueuedJobs()
    const admin = await createUser()
    await addMember(organization, admin, 'admin')

    const dismissed = await client
      .post(`/api/v1/orgs/${organization.id}/onboarding/dismiss`)
      .loginAs(owner)
      .withCsrfToken()
    dismissed.assertStatus(200)
    assert.isTrue(dismissed.body().onboarding.dismissed)
    const seenByAdmin = await client
      .get(`/api/v1/orgs/${organization.id}/onboarding`)
      .loginAs(admin)
    assert.isTrue(seenByAdmin.body().onboarding.dismissed)
  })

  test('members without the admin role get 403; another organisation answers 404', async ({
    client,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const member = await createUser()
    await addMember(organization, member, 'member')
    ;(await client.get(`/api/v1/orgs/${organization.id}/onboarding`).loginAs(member)).assertStatus(
      403
    )
    ;(
      await client
        .post(`/api/v1/orgs/${organization.id}/onboarding/dismiss`)
        .loginAs(member)
        .withCsrfToken()
    ).assertStatus(403)

    const stranger = await createOwnerWithOrganization()
    ;(
      await client.get(`/api/v1/orgs/${organization.id}/onboarding`).loginAs(stranger.owner)
    ).assertStatus(404)
    ;(
      await client
        .post(`/api/v1/orgs/${organization.id}/onboarding/dismiss`)
        .loginAs(stranger.owner)
        .withCsrfToken()
    ).assertStatus(404)
    ;(
      await client.get(`/api/v1/orgs/${stranger.organization.id}/onboarding`).loginAs(owner)
    ).assertStatus(404)
  })

  test('the catalogue says where each module lives, so a bookmark of a disabled one is recognised', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const response = await client.get(`/api/v1/orgs/${organization.id}/modules`).loginAs(owner)
    const contacts = response.body().data.find((module: { id: string }) => module.id === 'contacts')
    assert.containsSubset(contacts, { enabled: false, routeBase: '/contacts' })
  })
})
