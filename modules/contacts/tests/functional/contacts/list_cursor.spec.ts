import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { contactsUrl, createContactsOrganization, insertContact } from '../../helpers.ts'

type CursorPage = {
  data: { id: string; name: string }[]
  meta: { perPage: number; total: number | null; nextCursor: string | null }
}

test.group('Contacts / list by cursor', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('walks every contact once, in name order ignoring accents, counting them on the first page', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const names = [
      'zèbre Services',
      'Élise Kabamba',
      'alpha Trading',
      'Bureau Central',
      'Ciment du Kongo',
      'élan Nord',
      'Alpha Trading',
    ]
    for (const name of names) await insertContact(organization.id, { name })
    // Another organisation's contacts never show.
    const other = await createContactsOrganization()
    await insertContact(other.organization.id, { name: 'Autre société' })

    const seen: string[] = []
    const totals: (number | null)[] = []
    let cursor: string | undefined
    do {
      const response = await client
        .get(contactsUrl(organization.id))
        .qs({ paging: 'cursor', perPage: 3, ...(cursor ? { cursor } : {}) })
        .loginAs(owner)
      response.assertStatus(200)
      const body = response.body() as CursorPage
      assert.equal(body.meta.perPage, 3)
      seen.push(...body.data.map((contact) => contact.name))
      totals.push(body.meta.total)
      cursor = body.meta.nextCursor ?? undefined
    } while (cursor)

    assert.deepEqual(
      seen.map((name) => name.toLowerCase()),
      [
        'alpha trading',
        'alpha trading',
        'bureau central',
        'ciment du kongo',
        'élan nord',
        'élise kabamba',
        'zèbre services',
      ]
    )
    assert.deepEqual(totals, [7, null, null])
  })

  test('pages by dates to the microsecond, descending, with filters applied', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    const created: string[] = []
    for (let index = 0; index < 5; index++) {
      const contact = await insertContact(organization.id, {
        name: `Client ${index}`,
        isCustomer: index !== 2,
      })
      created.push(contact.id)
    }
    // Microseconds apart: a cursor rounded to milliseconds would skip or repeat rows.
    for (const [index, id] of created.entries()) {
      await db.rawQuery(
        `UPDATE contacts.contacts SET created_at = timestamptz '2026-01-01 10:00:00.000001+00' + ? * interval '1 microsecond' WHERE id = ?`,
        [index, id]
      )
    }

    const first = await client
      .get(contactsUrl(organization.id))
      .qs({ paging: 'cursor', perPage: 2, sort: 'createdAt', order: 'desc', role: 'customer' })
      .loginAs(owner)
    const firstBody = first.body() as CursorPage
    assert.deepEqual(
      firstBody.data.map((contact) => contact.name),
      ['Client 4', 'Client 3']
    )
    assert.equal(firstBody.meta.total, 4)

    const second = await client
      .get(contactsUrl(organization.id))
      .qs({
        cursor: firstBody.meta.nextCursor!,
        perPage: 2,
        sort: 'createdAt',
        order: 'desc',
        role: 'customer',
      })
      .loginAs(owner)
    const secondBody = second.body() as CursorPage
    assert.deepEqual(
      secondBody.data.map((contact) => contact.name),
      ['Client 1', 'Client 0']
    )
    assert.isNull(secondBody.meta.nextCursor)
  })

  test('a cursor edited, truncated or made for another order is a 422 on cursor, in the user’s language', async ({
    client,
  }) => {
    const { owner, organization } = await createContactsOrganization()
    for (const name of ['A', 'B', 'C']) await insertContact(organization.id, { name })
    const first = await client
      .get(contactsUrl(organization.id))
      .qs({ paging: 'cursor', perPage: 1 })
      .loginAs(owner)
    const cursor = (first.body() as CursorPage).meta.nextCursor!

    const forged = Buffer.from(
      JSON.stringify([
        'createdAt',
        'asc',
        "1'; DROP TABLE x",
        '00000000-0000-0000-0000-000000000000',
      ])
    ).toString('base64url')
    for (const [qs, locale] of [
      [{ cursor, sort: 'createdAt' }, 'fr'],
      [{ cursor, order: 'desc' }, 'en'],
      [{ cursor: cursor.slice(0, -4) }, 'fr'],
      [{ cursor: 'not-a-cursor' }, 'fr'],
      [{ cursor: forged, sort: 'createdAt' }, 'en'],
    ] as const) {
      const response = await client
        .get(contactsUrl(organization.id))
        .qs(qs)
        .header('Accept-Language', locale)
        .loginAs(owner)
      response.assertStatus(422)
      response.assertBodyContains({
        errors: [{ code: 'E_CONTACT_INVALID_CURSOR', field: 'cursor' }],
      })
    }
    const french = await client
      .get(contactsUrl(organization.id))
      .qs({ cursor: 'x' })
      .header('Accept-Language', 'fr')
      .loginAs(owner)
    french.assertBodyContains({
      errors: [
        {
          message:
            "Ce curseur de page n'est pas valable pour ce tri : rechargez la liste depuis le début.",
        },
      ],
    })
    const wrongPaging = await client
      .get(contactsUrl(organization.id))
      .qs({ paging: 'scroll' })
      .loginAs(owner)
    wrongPaging.assertStatus(422)
    wrongPaging.assertBodyContains({ errors: [{ field: 'paging' }] })
  })
})
