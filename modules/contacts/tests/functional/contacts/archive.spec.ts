import { auditTrail } from '@ia/platform/testing'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { contactsUrl, createContactsOrganization, insertContact } from '../../helpers.ts'

test.group('Contacts / archive', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('archives and unarchives a contact, auditing both, and twice changes nothing', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const contact = await insertContact(organization.id, { name: 'Kin Distribution' })

    const archived = await client
      .post(contactsUrl(organization.id, `/${contact.id}/archive`))
      .loginAs(owner)
      .withCsrfToken()
    archived.assertStatus(200)
    const archivedAt = archived.body().contact.archivedAt
    assert.isString(archivedAt)
    const again = await client
      .post(contactsUrl(organization.id, `/${contact.id}/archive`))
      .loginAs(owner)
      .withCsrfToken()
    assert.equal(again.body().contact.archivedAt, archivedAt)

    const list = await client.get(contactsUrl(organization.id)).loginAs(owner)
    assert.lengthOf(list.body().data, 0)

    const restored = await client
      .post(contactsUrl(organization.id, `/${contact.id}/unarchive`))
      .loginAs(owner)
      .withCsrfToken()
    restored.assertStatus(200)
    assert.isNull(restored.body().contact.archivedAt)

    const actions = await auditTrail({ subject_id: contact.id })
    assert.deepEqual(
      actions.map((row) => row.action),
      ['contact.archived', 'contact.unarchived']
    )
  })

  test('refuses to unarchive a contact whose email an active contact took meanwhile (409)', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const old = await insertContact(organization.id, { name: 'Ancien', email: 'achats@example.cd' })
    await db.from('contacts.contacts').where('id', old.id).update({ archived_at: new Date() })
    await insertContact(organization.id, { name: 'Nouveau', email: 'achats@example.cd' })
    const response = await client
      .post(contactsUrl(organization.id, `/${old.id}/unarchive`))
      .loginAs(owner)
      .withCsrfToken()
    response.assertStatus(409)
    response.assertBodyContains({ errors: [{ code: 'E_CONTACT_EMAIL_TAKEN', field: 'email' }] })
    const row = await db.from('contacts.contacts').where('id', old.id).firstOrFail()
    assert.isNotNull(row.archived_at)
  })
})
