import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { createOwnerWithOrganization, createUser, auditTrail } from '@ia/platform/testing'
import {
  contactsUrl,
  createContactsOrganization,
  createMember,
  insertContact,
} from '../../helpers.ts'

test.group('Contacts / access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a member reads, creates and updates, but cannot archive, import or export (403)', async ({
    client,
    assert,
  }) => {
    const { organization } = await createContactsOrganization()
    const member = await createMember(organization)
    const contact = await insertContact(organization.id, { name: 'Pharmacie Espoir' })

    ;(await client.get(contactsUrl(organization.id)).loginAs(member)).assertStatus(200)
    ;(
      await client.get(contactsUrl(organization.id, `/${contact.id}`)).loginAs(member)
    ).assertStatus(200)
    ;(
      await client
        .post(contactsUrl(organization.id))
        .loginAs(member)
        .withCsrfToken()
        .json({ kind: 'person', name: 'Jean' })
    ).assertStatus(201)
    ;(
      await client
        .patch(contactsUrl(organization.id, `/${contact.id}`))
        .loginAs(member)
        .withCsrfToken()
        .json({ city: 'Goma' })
    ).assertStatus(200)

    const archive = await client
      .post(contactsUrl(organization.id, `/${contact.id}/archive`))
      .loginAs(member)
      .withCsrfToken()
    archive.assertStatus(403)
    archive.assertBodyContains({ errors: [{ code: 'E_FORBIDDEN' }] })
    ;(
      await client
        .post(contactsUrl(organization.id, `/${contact.id}/unarchive`))
        .loginAs(member)
        .withCsrfToken()
    ).assertStatus(403)
    ;(await client.get(contactsUrl(organization.id, '/export.csv')).loginAs(member)).assertStatus(
      403
    )
    const csv = Buffer.from('nom\nTest\n')
    ;(
      await client
        .post(contactsUrl(organization.id, '/import/preview'))
        .loginAs(member)
        .withCsrfToken()
        .file('file', csv, { filename: 'c.csv' })
    ).assertStatus(403)
    ;(
      await client
        .post(contactsUrl(organization.id, '/import'))
        .loginAs(member)
        .withCsrfToken()
        .file('file', csv, { filename: 'c.csv' })
    ).assertStatus(403)

    const row = await db.from('contacts.contacts').where('id', contact.id).firstOrFail()
    assert.isNull(row.archived_at)
  })

  test('answers 404 while the module is disabled, and 401 to visitors', async ({ client }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    ;(await client.get(contactsUrl(organization.id)).loginAs(owner)).assertStatus(404)
    ;(
      await client
        .post(contactsUrl(organization.id))
        .loginAs(owner)
        .withCsrfToken()
        .json({ kind: 'person', name: 'X' })
    ).assertStatus(404)

    const enabled = await createContactsOrganization()
    const registry = await app.container.make('platform.modules')
    await registry.disable(enabled.organization.id, 'contacts', { id: enabled.owner.id, ip: null })
    ;(await client.get(contactsUrl(enabled.organization.id)).loginAs(enabled.owner)).assertStatus(
      404
    )
    ;(await client.get(contactsUrl(enabled.organization.id))).assertStatus(401)
  })

  test("a non-member gets 404 for the organisation's contacts", async ({ client }) => {
    const { organization } = await createContactsOrganization()
    const stranger = await createUser()
    ;(await client.get(contactsUrl(organization.id)).loginAs(stranger)).assertStatus(404)
  })

  test("another organisation's contact id answers 404 on read, update, archive and unarchive, and nothing changes", async ({
    client,
    assert,
  }) => {
    const mine = await createContactsOrganization()
    const theirs = await createContactsOrganization()
    const foreign = await insertContact(theirs.organization.id, {
      name: 'Secret SARL',
      city: 'Goma',
    })
    const before = await db.from('contacts.contacts').where('id', foreign.id).firstOrFail()

    const url = (rest: string) => contactsUrl(mine.organization.id, `/${foreign.id}${rest}`)
    const responses = [
      await client.get(url('')).loginAs(mine.owner),
      await client
        .patch(url(''))
        .loginAs(mine.owner)
        .withCsrfToken()
        .json({ name: 'Piraté', city: 'Kinshasa' }),
      await client.post(url('/archive')).loginAs(mine.owner).withCsrfToken(),
      await client.post(url('/unarchive')).loginAs(mine.owner).withCsrfToken(),
    ]
    for (const response of responses) {
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'E_NOT_FOUND' }] })
    }

    const after = await db.from('contacts.contacts').where('id', foreign.id).firstOrFail()
    assert.deepEqual(after, before)
    const audit = await auditTrail({ subject_id: foreign.id })
    assert.lengthOf(audit, 0)

    const list = await client
      .get(contactsUrl(mine.organization.id))
      .qs({ q: 'secret', archived: 'all' })
      .loginAs(mine.owner)
    assert.lengthOf(list.body().data, 0)
  })
})
