import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { addMember, createOwnerWithOrganization, createUser } from '../../helpers.ts'
import { notifications } from '../../../app/services/notifications.ts'

const text = (fr: string, en: string) => ({ fr, en })
// Newest first is by creation time (ties broken by id): keep the three creations in distinct milliseconds.
const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

test.group('Notifications', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists my notifications newest first with the unread count; marks one, then all, read', async ({
    client,
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const other = await createUser()
    const first = await notifications.notify(owner.id, {
      title: text('Un', 'One'),
      body: text('Corps', 'Body'),
    })
    await tick()
    const second = await notifications.notify(owner.id, {
      title: text('Deux', 'Two'),
      body: text('Export prêt', 'Export ready'),
      link: '/exports/1',
      level: 'success',
      organizationId: organization.id,
    })
    await tick()
    const third = await notifications.notify(owner.id, {
      title: text('Trois', 'Three'),
      body: text('C', 'B'),
      level: 'warning',
    })
    const foreign = await notifications.notify(other.id, {
      title: text('Autre', 'Other'),
      body: text('C', 'B'),
    })

    const list = await client.get('/api/v1/auth/notifications?perPage=2').loginAs(owner)
    list.assertStatus(200)
    assert.deepEqual(list.body().meta, {
      total: 3,
      perPage: 2,
      currentPage: 1,
      lastPage: 2,
      unread: 3,
    })
    assert.deepEqual(
      list.body().data.map((item: { id: string }) => item.id),
      [third, second]
    )
    assert.deepInclude(list.body().data[1], {
      id: second,
      organizationId: organization.id,
      title: { fr: 'Deux', en: 'Two' },
      body: { fr: 'Export prêt', en: 'Export ready' },
      link: '/exports/1',
      level: 'success',
      readAt: null,
    })

    ;(
      await client.post(`/api/v1/auth/notifications/${second}/read`).loginAs(owner).withCsrfToken()
    ).assertStatus(204)
    ;(
      await client.post(`/api/v1/auth/notifications/${second}/read`).loginAs(owner).withCsrfToken()
    ).assertStatus(204)
    const unread = await client.get('/api/v1/auth/notifications?unread=true').loginAs(owner)
    assert.deepEqual(
      unread.body().data.map((item: { id: string }) => item.id),
      [third, first]
    )
    assert.equal(unread.body().meta.unread, 2)

    ;(
      await client.post('/api/v1/auth/notifications/read-all').loginAs(owner).withCsrfToken()
    ).assertStatus(204)
    const after = await client.get('/api/v1/auth/notifications').loginAs(owner)
    assert.equal(after.body().meta.unread, 0)
    assert.isTrue(
      after.body().data.every((item: { readAt: string | null }) => item.readAt !== null)
    )

    const theirs = await db.from('platform.notifications').where('id', foreign).firstOrFail()
    assert.isNull(theirs.read_at, 'read-all touches only my notifications')
  })

  test("another user's notification, or an id that is not one, answers 404", async ({
    client,
    assert,
  }) => {
    const owner = await createUser({ locale: 'en' })
    const other = await createUser()
    const foreign = await notifications.notify(other.id, {
      title: text('Autre', 'Other'),
      body: text('C', 'B'),
    })

    const stranger = await client
      .post(`/api/v1/auth/notifications/${foreign}/read`)
      .loginAs(owner)
      .withCsrfToken()
    stranger.assertStatus(404)
    assert.equal(stranger.body().errors[0].code, 'E_NOT_FOUND')
    assert.equal(stranger.body().errors[0].message, 'Not found.')
    ;(
      await client
        .post(`/api/v1/auth/notifications/${randomUUID()}/read`)
        .loginAs(owner)
        .withCsrfToken()
    ).assertStatus(404)
    ;(
      await client.post('/api/v1/auth/notifications/42/read').loginAs(owner).withCsrfToken()
    ).assertStatus(404)
    const theirs = await db.from('platform.notifications').where('id', foreign).firstOrFail()
    assert.isNull(theirs.read_at)

    ;(await client.get('/api/v1/auth/notifications?perPage=500').loginAs(owner)).assertStatus(422)
    ;(await client.get('/api/v1/auth/notifications')).assertStatus(401)
  })

  test('notify refuses a text missing a language, an outside link and an unknown level', async ({
    assert,
  }) => {
    const owner = await createUser()
    await assert.rejects(
      () => notifications.notify(owner.id, { title: { fr: 'Seul', en: '' }, body: text('C', 'B') }),
      /fr and en/
    )
    await assert.rejects(
      () =>
        notifications.notify(owner.id, {
          title: text('T', 'T'),
          body: text('C', 'B'),
          link: 'https://evil.example',
        }),
      /link/
    )
    await assert.rejects(
      () =>
        notifications.notify(owner.id, {
          title: text('T', 'T'),
          body: text('C', 'B'),
          link: '//evil.example',
        }),
      /link/
    )
    await assert.rejects(
      () =>
        notifications.notify(owner.id, {
          title: text('T', 'T'),
          body: text('C', 'B'),
          level: 'panic' as 'info',
        }),
      /level/
    )
    const [{ total }] = await db
      .from('platform.notifications')
      .where('user_id', owner.id)
      .count('* as total')
    assert.equal(Number(total), 0)
  })

  test("a notification given the caller's transaction rolls back with it", async ({ assert }) => {
    const owner = await createUser()
    const trx = await db.transaction()
    await notifications.notify(
      owner.id,
      { title: text('T', 'T'), body: text('C', 'B') },
      { client: trx }
    )
    await trx.rollback()
    assert.equal(await notifications.unreadCount(owner.id), 0)
    const trx2 = await db.transaction()
    await notifications.notify(
      owner.id,
      { title: text('T', 'T'), body: text('C', 'B') },
      { client: trx2 }
    )
    await trx2.commit()
    assert.equal(await notifications.unreadCount(owner.id), 1)
  })
})

test.group('Notifications / after leaving an organisation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a former member no longer sees or counts that organisation’s notifications', async ({
    client,
    assert,
  }) => {
    const { organization } = await createOwnerWithOrganization()
    const member = await createUser()
    const membership = await addMember(organization, member, 'member')
    await notifications.notify(member.id, {
      title: text('Org', 'Org'),
      body: text('B', 'B'),
      organizationId: organization.id,
    })
    await notifications.notify(member.id, {
      title: text('Perso', 'Personal'),
      body: text('B', 'B'),
    })

    const before = await client.get('/api/v1/auth/notifications').loginAs(member)
    assert.equal(before.body().meta.total, 2)
    assert.equal(before.body().meta.unread, 2)

    await membership.delete()
    const after = await client.get('/api/v1/auth/notifications').loginAs(member)
    assert.deepEqual(
      after.body().data.map((item: { title: { en: string } }) => item.title.en),
      ['Personal']
    )
    assert.equal(after.body().meta.unread, 1)
  })
})
