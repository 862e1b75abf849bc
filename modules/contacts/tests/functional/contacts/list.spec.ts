import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import { contactsUrl, createContactsOrganization, insertContact } from '../../helpers.ts'

type Listed = {
  data: { name: string }[]
  meta: { total: number; perPage: number; currentPage: number; lastPage: number }
}
const names = (body: Listed) => body.data.map((contact) => contact.name)

test.group('Contacts / list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('pages through active contacts, sorted by name ignoring case and accents', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    for (const name of [
      'zèbre Services',
      'Élise Kabamba',
      'alpha Trading',
      'Bureau Central',
      'Ciment du Kongo',
    ]) {
      await insertContact(organization.id, { name })
    }
    const first = await client.get(contactsUrl(organization.id)).qs({ perPage: 2 }).loginAs(owner)
    first.assertStatus(200)
    assert.deepEqual(names(first.body()), ['alpha Trading', 'Bureau Central'])
    assert.deepEqual(first.body().meta, { total: 5, perPage: 2, currentPage: 1, lastPage: 3 })

    const last = await client
      .get(contactsUrl(organization.id))
      .qs({ perPage: 2, page: 3 })
      .loginAs(owner)
    assert.deepEqual(names(last.body()), ['zèbre Services'])

    const desc = await client.get(contactsUrl(organization.id)).qs({ order: 'desc' }).loginAs(owner)
    assert.deepEqual(names(desc.body()), [
      'zèbre Services',
      'Élise Kabamba',
      'Ciment du Kongo',
      'Bureau Central',
      'alpha Trading',
    ])
  })

  test('a page number past any real list is a 422 on page, not a database error', async ({
    client,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const response = await client
      .get(contactsUrl(organization.id))
      .qs({ page: '1e20' })
      .loginAs(owner)
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'E_VALIDATION', field: 'page' }] })
  })

  test('sorts by creation and update dates', async ({ client, assert }) => {
    const { owner, organization } = await createContactsOrganization()
    const older = await insertContact(organization.id, { name: 'Ancien' })
    const newer = await insertContact(organization.id, { name: 'Nouveau' })
    await db
      .from('contacts.contacts')
      .where('id', older.id)
      .update({ created_at: new Date('2024-01-01'), updated_at: new Date('2025-06-01') })
    await db
      .from('contacts.contacts')
      .where('id', newer.id)
      .update({ created_at: new Date('2025-01-01'), updated_at: new Date('2024-06-01') })
    const byCreation = await client
      .get(contactsUrl(organization.id))
      .qs({ sort: 'createdAt', order: 'desc' })
      .loginAs(owner)
    assert.deepEqual(names(byCreation.body()), ['Nouveau', 'Ancien'])
    const byUpdate = await client
      .get(contactsUrl(organization.id))
      .qs({ sort: 'updatedAt', order: 'desc' })
      .loginAs(owner)
    assert.deepEqual(names(byUpdate.body()), ['Ancien', 'Nouveau'])
  })

  test('searches without regard to accents or case, in names, cities, emails and phones', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    await insertContact(organization.id, { name: 'Société Minière du Katanga', city: 'Lubumbashi' })
    await insertContact(organization.id, {
      name: 'Pharmacie Espoir',
      city: 'Kinshasa',
      email: 'espoir@pharma.example.cd',
    })
    await insertContact(organization.id, {
      name: 'Brasserie du Lac',
      city: 'Goma',
      phone: '+243991234567',
    })
    await insertContact(organization.id, { name: '100% Bio', city: 'Goma' })

    const search = async (q: string) =>
      names((await client.get(contactsUrl(organization.id)).qs({ q }).loginAs(owner)).body())

    assert.deepEqual(await search('societe'), ['Société Minière du Katanga'])
    assert.deepEqual(await search('MINIERE'), ['Société Minière du Katanga'])
    assert.deepEqual(await search('kinshasa'), ['Pharmacie Espoir'])
    assert.deepEqual(await search('pharma.example'), ['Pharmacie Espoir'])
    assert.deepEqual(await search('0991234567'), ['Brasserie du Lac'])
    assert.deepEqual(await search('1234567'), ['Brasserie du Lac'])
    assert.deepEqual(await search('%'), ['100% Bio'])
    assert.deepEqual(await search('_'), [])
  })

  test('tolerates a typo in a name or a city', async ({ client, assert }) => {
    const { owner, organization } = await createContactsOrganization()
    await insertContact(organization.id, { name: 'Société Minière du Katanga', city: 'Lubumbashi' })
    await insertContact(organization.id, { name: 'Pharmacie Espoir', city: 'Kinshasa' })
    const search = async (q: string) =>
      names((await client.get(contactsUrl(organization.id)).qs({ q }).loginAs(owner)).body())
    assert.deepEqual(await search('minniere'), ['Société Minière du Katanga'])
    assert.deepEqual(await search('lubumbashy'), ['Société Minière du Katanga'])
    assert.deepEqual(await search('pharmacia'), ['Pharmacie Espoir'])
  })

  test('filters by kind, role, tag and archived state', async ({ client, assert }) => {
    const { owner, organization } = await createContactsOrganization()
    await insertContact(organization.id, { name: 'Client SARL', isCustomer: true, tags: ['vip'] })
    await insertContact(organization.id, {
      name: 'Fournisseur SARL',
      isSupplier: true,
      tags: ['transport'],
    })
    await insertContact(organization.id, {
      kind: 'person',
      name: 'Jean Mbuyi',
      isCustomer: true,
      isSupplier: true,
    })
    const archived = await insertContact(organization.id, {
      name: 'Ancien Client',
      isCustomer: true,
      tags: ['vip'],
    })
    await db.from('contacts.contacts').where('id', archived.id).update({ archived_at: new Date() })

    const list = async (qs: Record<string, string>) =>
      names((await client.get(contactsUrl(organization.id)).qs(qs).loginAs(owner)).body())

    assert.deepEqual(await list({ kind: 'person' }), ['Jean Mbuyi'])
    assert.deepEqual(await list({ kind: 'company' }), ['Client SARL', 'Fournisseur SARL'])
    assert.deepEqual(await list({ role: 'customer' }), ['Client SARL', 'Jean Mbuyi'])
    assert.deepEqual(await list({ role: 'supplier' }), ['Fournisseur SARL', 'Jean Mbuyi'])
    assert.deepEqual(await list({ tag: 'VIP' }), ['Client SARL'])
    assert.deepEqual(await list({ archived: 'true' }), ['Ancien Client'])
    assert.deepEqual(await list({ archived: 'all', tag: 'vip' }), ['Ancien Client', 'Client SARL'])
    assert.deepEqual(await list({ role: 'customer', kind: 'company', archived: 'all' }), [
      'Ancien Client',
      'Client SARL',
    ])
  })

  test('answers 422 on bad list parameters', async ({ client, assert }) => {
    const { owner, organization } = await createContactsOrganization()
    const response = await client
      .get(contactsUrl(organization.id))
      .qs({
        perPage: 500,
        page: 0,
        sort: 'email',
        order: 'up',
        kind: 'robot',
        role: 'owner',
        archived: 'maybe',
      })
      .loginAs(owner)
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.sameMembers(fields, ['perPage', 'page', 'sort', 'order', 'kind', 'role', 'archived'])
  })

  test('runs the same number of queries for 5 or 50 contacts per page', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    for (let index = 0; index < 60; index++) {
      await insertContact(organization.id, {
        name: `Contact ${String(index).padStart(2, '0')}`,
        tags: ['t'],
        email: `c${index}@example.cd`,
      })
    }
    // Every query of the test runs in the global transaction: turning on its debug flag makes
    // Lucid emit db:query for each of them, the request's middleware included.
    const trx = await db.beginGlobalTransaction()
    trx.debug = true
    const seen: string[] = []
    const listener = (query: { sql: string }) => seen.push(query.sql)
    emitter.on('db:query', listener)
    const countFor = async (perPage: number) => {
      seen.length = 0
      const response = await client
        .get(contactsUrl(organization.id))
        .qs({ perPage, q: 'contact' })
        .loginAs(owner)
      assert.lengthOf(response.body().data, perPage)
      return {
        all: seen.length,
        contacts: seen.filter((sql) => sql.includes('from "contacts"."contacts"')).length,
      }
    }
    try {
      // Warms the per-organisation caches (enabled modules), so both measures see the same state.
      await countFor(5)
      const small = await countFor(5)
      const large = await countFor(50)
      assert.deepEqual(large, small)
      assert.equal(small.contacts, 2, 'one count and one page query')
      assert.equal(
        small.all,
        4,
        'the user, the membership with its organisation, the count and the page'
      )
    } finally {
      emitter.off('db:query', listener)
      trx.debug = false
    }
  })
})
