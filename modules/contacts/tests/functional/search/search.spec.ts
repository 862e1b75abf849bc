import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import { search, tenantContext } from '@ia/kernel/contracts'
import { createOwnerWithOrganization, createUser } from '@ia/platform/testing'
import Contact from '../../../app/models/contact.ts'
import { CONTACT_SEARCH_TYPE, syncContactSearch } from '../../../app/services/contact_search.ts'
import { createContactsOrganization, createMember, insertContact } from '../../helpers.ts'

const searchUrl = (organizationId: string, query: string) =>
  `/api/v1/orgs/${organizationId}/search?${query}`

/** A contact stored and indexed, as its `contacts.contact.created` event would leave it. */
async function indexedContact(organizationId: string, input: Parameters<typeof insertContact>[1]) {
  const contact = await insertContact(organizationId, input)
  await syncContactSearch(organizationId, contact.id)
  return contact
}

test.group('Search / contacts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('"societe" finds "Société Minière", and so do a partial word and a typo', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const contact = await indexedContact(organization.id, {
      name: 'Société Minière du Katanga',
      city: 'Lubumbashi',
      email: 'info@smk.cd',
    })
    await indexedContact(organization.id, { name: 'Pharmacie Espoir', city: 'Kinshasa' })

    for (const q of ['societe', 'minier', 'sociéte minire', 'SOCIETE MINIERE']) {
      const response = await client
        .get(searchUrl(organization.id, `q=${encodeURIComponent(q)}`))
        .loginAs(owner)
      response.assertStatus(200)
      assert.deepEqual(
        response.body().data[0],
        {
          type: 'contacts.contact',
          moduleId: 'contacts',
          id: contact.id,
          title: 'Société Minière du Katanga',
          subtitle: 'Lubumbashi · info@smk.cd',
          url: `/contacts/${contact.id}`,
        },
        q
      )
    }
    const byCity = await client.get(searchUrl(organization.id, 'q=kinshasa')).loginAs(owner)
    assert.deepEqual(
      byCity.body().data.map((result: { title: string }) => result.title),
      ['Pharmacie Espoir']
    )
  })

  test('a misspelt name, city or tag still finds the contact, exact matches first, only in its organisation while Contacts is enabled', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const other = await createContactsOrganization()
    const garage = await indexedContact(organization.id, {
      name: 'Garage Mwangaza',
      city: 'Lubumbashi',
      tags: ['grossiste'],
    })
    const lookalike = await indexedContact(organization.id, {
      name: 'Garaje Tujenge',
      city: 'Goma',
    })
    await indexedContact(other.organization.id, {
      name: 'Garage Mwangaza',
      city: 'Lubumbashi',
      tags: ['grossiste'],
    })
    const ids = async (q: string) => {
      const response = await client
        .get(searchUrl(organization.id, `q=${encodeURIComponent(q)}`))
        .loginAs(owner)
      response.assertStatus(200)
      return response.body().data.map((result: { id: string }) => result.id)
    }

    for (const q of ['mwangza', 'lubumbahsi', 'grosiste', 'garage mwangazza'])
      assert.deepEqual(await ids(q), [garage.id], q)
    assert.deepEqual(await ids('garage'), [garage.id, lookalike.id])

    const registry = await app.container.make('platform.modules')
    await registry.disable(organization.id, 'contacts', { id: owner.id, ip: null })
    assert.deepEqual(await ids('mwangza'), [])
  })

  test("another organisation's contacts are never found, not even by their id, and its search answers 404", async ({
    client,
    assert,
  }) => {
    const mine = await createContactsOrganization()
    const theirs = await createContactsOrganization()
    const secret = await indexedContact(theirs.organization.id, {
      name: 'Société Minière Secrète',
      rccm: 'CD/LSH/RCCM/22-B-01234',
    })

    for (const q of ['societe', 'secrete', secret.id, '01234']) {
      const response = await client
        .get(searchUrl(mine.organization.id, `q=${encodeURIComponent(q)}`))
        .loginAs(mine.owner)
      response.assertStatus(200)
      assert.deepEqual(response.body().data, [], q)
    }
    const foreign = await client
      .get(searchUrl(theirs.organization.id, 'q=societe'))
      .loginAs(mine.owner)
    foreign.assertStatus(404)
    assert.notInclude(JSON.stringify(foreign.body()), 'Secrète')
    ;(await client.get(searchUrl(theirs.organization.id, 'q=societe'))).assertStatus(401)

    const stranger = await createUser()
    ;(
      await client.get(searchUrl(theirs.organization.id, 'q=societe')).loginAs(stranger)
    ).assertStatus(404)
  })

  test('contacts drop out of the results while the module is disabled', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    await indexedContact(organization.id, { name: 'Société Minière' })
    const registry = await app.container.make('platform.modules')

    await registry.disable(organization.id, 'contacts', { id: owner.id, ip: null })
    const disabled = await client.get(searchUrl(organization.id, 'q=societe')).loginAs(owner)
    disabled.assertStatus(200)
    assert.deepEqual(disabled.body().data, [])

    await registry.enable(organization.id, 'contacts', { id: owner.id, ip: null })
    const enabled = await client.get(searchUrl(organization.id, 'q=societe')).loginAs(owner)
    assert.lengthOf(enabled.body().data, 1)

    const { owner: other, organization: withoutContacts } = await createOwnerWithOrganization()
    await search.index(withoutContacts.id, CONTACT_SEARCH_TYPE, 'orphan', {
      title: 'Société Minière',
      url: '/contacts/orphan',
    })
    assert.deepEqual(
      (await client.get(searchUrl(withoutContacts.id, 'q=societe')).loginAs(other)).body().data,
      []
    )
  })

  test('a member searches too; types and limit narrow the results', async ({ client, assert }) => {
    const { organization } = await createContactsOrganization()
    const member = await createMember(organization)
    for (const name of ['Mines Alpha', 'Mines Beta', 'Mines Gamma'])
      await indexedContact(organization.id, { name })

    const limited = await client
      .get(searchUrl(organization.id, 'q=mines&limit=2&types=contacts.contact'))
      .loginAs(member)
    limited.assertStatus(200)
    assert.lengthOf(limited.body().data, 2)
    const otherType = await client
      .get(searchUrl(organization.id, 'q=mines&types=invoicing.invoice'))
      .loginAs(member)
    assert.deepEqual(otherType.body().data, [])
  })

  test("invalid parameters answer 422 in the caller's language", async ({ client, assert }) => {
    const { organization } = await createContactsOrganization()
    const french = await createMember(organization, 'fr')
    const english = await createMember(organization, 'en')

    const cases = [
      { query: '', field: 'q' },
      { query: 'q=a', field: 'q' },
      { query: `q=${'x'.repeat(201)}`, field: 'q' },
      { query: 'q=mines&limit=0', field: 'limit' },
      { query: 'q=mines&limit=abc', field: 'limit' },
      { query: 'q=mines&limit=51', field: 'limit' },
      { query: 'q=mines&types=DROP%20TABLE', field: 'types' },
    ]
    for (const { query, field } of cases) {
      const response = await client.get(searchUrl(organization.id, query)).loginAs(french)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, query)
    }
    const fr = await client.get(searchUrl(organization.id, 'q=a')).loginAs(french)
    const en = await client.get(searchUrl(organization.id, 'q=a')).loginAs(english)
    assert.equal(fr.body().errors[0].message, 'Saisissez au moins 2 caractères.')
    assert.notEqual(en.body().errors[0].message, fr.body().errors[0].message)
    assert.match(en.body().errors[0].message, /2/)
  })

  test('a contact is indexed when created or changed, and removed when archived', async ({
    assert,
  }) => {
    const { organization } = await createContactsOrganization()
    const other = await createContactsOrganization()
    const contact = await insertContact(organization.id, { name: 'Kivu Transport', city: 'Goma' })
    const titles = async () =>
      (await search.query(organization.id, 'kivu')).map((result) => result.title)

    assert.deepEqual(await titles(), [])
    await syncContactSearch(organization.id, contact.id)
    assert.deepEqual(await titles(), ['Kivu Transport'])

    await tenantContext.run(organization.id, async () => {
      contact.name = 'Kivu Logistique'
      await contact.save()
    })
    await syncContactSearch(organization.id, contact.id)
    assert.deepEqual(await titles(), ['Kivu Logistique'])

    // An id from another organisation changes nothing here.
    await syncContactSearch(other.organization.id, contact.id)
    assert.deepEqual(await titles(), ['Kivu Logistique'])

    await tenantContext.run(organization.id, async () => {
      contact.archivedAt = DateTime.now()
      await contact.save()
    })
    await syncContactSearch(organization.id, contact.id)
    assert.deepEqual(await titles(), [])

    const stored = await tenantContext.run(organization.id, () => Contact.findOrFail(contact.id))
    assert.isNotNull(stored.archivedAt)
  })

  test('a phone number typed as "{$self}" finds its contact, shown formatted')
    .with([
      '0810001014',
      '810001014',
      '081 000 1014',
      '+243810001014',
      '+243 810 001 014',
      '00243810001014',
      '0810 001',
    ])
    .run(async ({ client, assert }, typed) => {
      const { owner, organization } = await createContactsOrganization()
      const contact = await indexedContact(organization.id, {
        name: 'Pharmacie Espoir',
        city: 'Kinshasa',
        phone: '+243810001014',
      })
      await indexedContact(organization.id, { name: 'Garage Mwangaza', phone: '+243991234567' })
      const response = await client
        .get(searchUrl(organization.id, `q=${encodeURIComponent(typed)}`))
        .loginAs(owner)
      response.assertStatus(200)
      assert.deepEqual(
        response.body().data.map((result: { id: string }) => result.id),
        [contact.id]
      )
      assert.equal(response.body().data[0].subtitle, 'Kinshasa · +243 810 001 014')
    })

  test("a national number is read in the organisation's country", async ({ client, assert }) => {
    const { owner, organization } = await createContactsOrganization()
    organization.country = 'FR'
    await organization.save()
    const contact = await indexedContact(organization.id, {
      name: 'Bureau de Paris',
      phone: '+33612345678',
    })
    for (const typed of ['06 12 34 56 78', '+33 6 12 34 56 78']) {
      const response = await client
        .get(searchUrl(organization.id, `q=${encodeURIComponent(typed)}`))
        .loginAs(owner)
      assert.deepEqual(
        response.body().data.map((result: { id: string }) => result.id),
        [contact.id],
        typed
      )
    }
  })
})
