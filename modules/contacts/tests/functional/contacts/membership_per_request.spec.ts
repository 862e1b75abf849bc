import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { addMember, createUser } from '@ia/platform/testing'
import { contactsUrl, createContactsOrganization, insertContact } from '../../helpers.ts'

test.group('Contacts / membership read on every request', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a role lowered takes effect on the next request, with a session or a token', async ({
    client,
    assert,
  }) => {
    const { organization } = await createContactsOrganization()
    const admin = await createUser()
    const membership = await addMember(organization, admin, 'admin')
    const { value: token } = (
      await client.post('/api/v1/auth/tokens').loginAs(admin).json({ name: 'CLI' }).withCsrfToken()
    ).body().token
    const first = await insertContact(organization.id, { name: 'Pharmacie Espoir' })
    const second = await insertContact(organization.id, { name: 'Boulangerie Amani' })

    ;(
      await client.post(contactsUrl(organization.id, `/${first.id}/archive`)).bearerToken(token)
    ).assertStatus(200)
    membership.role = 'member'
    await membership.save()
    const byToken = await client
      .post(contactsUrl(organization.id, `/${second.id}/archive`))
      .bearerToken(token)
    byToken.assertStatus(403)
    const bySession = await client
      .post(contactsUrl(organization.id, `/${second.id}/archive`))
      .loginAs(admin)
      .withCsrfToken()
    bySession.assertStatus(403)
    ;(await client.get(contactsUrl(organization.id)).bearerToken(token)).assertStatus(200)

    await membership.delete()
    ;(await client.get(contactsUrl(organization.id)).bearerToken(token)).assertStatus(404)
    assert.isNull(
      (await db.from('contacts.contacts').where('id', second.id).firstOrFail()).archived_at
    )
  })
})
