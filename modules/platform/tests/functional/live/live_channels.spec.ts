import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from '@japa/runner'
import emitter from '@adonisjs/core/services/emitter'
import testUtils from '@adonisjs/core/services/test_utils'
import transmit from '@adonisjs/transmit/services/main'
import { MemoryTransport } from '@boringnode/bus/transports/memory'
import { BrowserClient } from '../../browser_client.ts'
import { openLiveStream } from '../../live_stream.ts'
import { addMember, createOwnerWithOrganization, createUser, TEST_PASSWORD } from '../../helpers.ts'
import { notifications } from '../../../app/services/notifications.ts'
import { live } from '../../../app/services/live/live.ts'
import { LiveChannels } from '../../../app/services/live/live_channels.ts'
import type { JobProgressEvent } from '../../../app/services/live/job_progress.ts'

function progress(overrides: Partial<JobProgressEvent>): JobProgressEvent {
  return {
    jobId: randomUUID(),
    organizationId: null,
    userId: null,
    name: 'contacts.import',
    label: { fr: 'Import des contacts', en: 'Contacts import' },
    status: 'running',
    percent: 40,
    message: { fr: '400 sur 1000', en: '400 of 1000' },
    ...overrides,
  }
}

async function signedIn(email: string) {
  const browser = BrowserClient.forTestServer()
  const response = await browser.signIn(email, TEST_PASSWORD)
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`)
  return browser
}

test.group('Live / channels and job progress', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a user may follow their own channels and their organisations’ only', async ({ assert }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const { owner: stranger, organization: otherOrganization } = await createOwnerWithOrganization()
    const browser = await signedIn(owner.email)
    const uid = randomUUID()
    const stream = await openLiveStream(browser, uid)
    assert.equal(stream.status, 200)
    assert.equal(stream.contentType, 'text/event-stream')
    const subscribe = (channel: string, streamUid = uid) =>
      browser.send('POST', '/__transmit/subscribe', { uid: streamUid, channel })

    for (const channel of [
      `users/${owner.id}`,
      `users/${owner.id}/jobs`,
      `orgs/${organization.id}/jobs`,
    ]) {
      assert.equal((await subscribe(channel)).status, 204, channel)
    }
    for (const channel of [
      `users/${stranger.id}`,
      `users/${stranger.id}/jobs`,
      `orgs/${otherOrganization.id}/jobs`,
      `orgs/${randomUUID()}/jobs`,
      `orgs/${organization.id}`,
      'transmit/anything',
      `users/${owner.id}/../${stranger.id}`,
    ]) {
      const refused = await subscribe(channel)
      assert.equal(refused.status, 403, channel)
      assert.equal(refused.body.errors[0].code, 'E_CHANNEL_FORBIDDEN')
    }
    const french = await subscribe(`users/${stranger.id}/jobs`)
    assert.equal(french.body.errors[0].message, 'Vous ne pouvez pas suivre ce canal en direct.')

    const unknownStream = await subscribe(`users/${owner.id}/jobs`, randomUUID())
    assert.equal(unknownStream.status, 404)
    assert.equal(unknownStream.body.errors[0].code, 'E_STREAM_NOT_FOUND')
    assert.equal(
      (
        await browser.send('POST', '/__transmit/subscribe', {
          uid: 'not-a-uuid',
          channel: `users/${owner.id}`,
        })
      ).status,
      422
    )

    const strangerBrowser = await signedIn(stranger.email)
    assert.equal(
      (
        await strangerBrowser.send('POST', '/__transmit/subscribe', {
          uid,
          channel: `users/${stranger.id}/jobs`,
        })
      ).status,
      404
    )
    const hijack = await openLiveStream(strangerBrowser, uid)
    assert.equal(hijack.status, 403)
    await stream.close()
  })

  test('every member may follow the organisation’s jobs, and a topic not declared is refused to all, owners included', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const admin = await createUser()
    const member = await createUser()
    await addMember(organization, admin, 'admin')
    await addMember(organization, member, 'member')
    for (const user of [owner, admin, member]) {
      const browser = await signedIn(user.email)
      const uid = randomUUID()
      const stream = await openLiveStream(browser, uid)
      const subscribe = (channel: string) =>
        browser.send('POST', '/__transmit/subscribe', { uid, channel })
      assert.equal((await subscribe(`orgs/${organization.id}/jobs`)).status, 204, user.email)
      for (const topic of [
        'failed-jobs',
        'audit-log',
        'members',
        'notifications',
        'jobs/failed',
        'constructor',
      ]) {
        const refused = await subscribe(`orgs/${organization.id}/${topic}`)
        assert.equal(refused.status, 403, `${user.email} on ${topic}`)
        assert.equal(refused.body.errors[0].code, 'E_CHANNEL_FORBIDDEN')
      }
      await stream.close()
    }
  })

  test('removing a member ends their open streams, so organisation events stop reaching them', async ({
    assert,
    cleanup,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const member = await createUser()
    const membership = await addMember(organization, member, 'member')
    const memberBrowser = await signedIn(member.email)
    const uid = randomUUID()
    const stream = await openLiveStream(memberBrowser, uid)
    cleanup(() => stream.close())
    assert.equal(
      (
        await memberBrowser.send('POST', '/__transmit/subscribe', {
          uid,
          channel: `orgs/${organization.id}/jobs`,
        })
      ).status,
      204
    )

    const ownerBrowser = await signedIn(owner.email)
    const removed = await ownerBrowser.send(
      'DELETE',
      `/api/v1/orgs/${organization.id}/members/${membership.id}`
    )
    assert.equal(removed.status, 204)
    const ended = await Promise.race([
      stream.ended.then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 3000)),
    ])
    assert.isTrue(ended)
  })

  test('without signing in there is no stream and no subscription', async ({ assert }) => {
    const anonymous = BrowserClient.forTestServer()
    const stream = await openLiveStream(anonymous, randomUUID())
    assert.equal(stream.status, 401)
    const subscribe = await anonymous.send('POST', '/__transmit/subscribe', {
      uid: randomUUID(),
      channel: 'users/x',
    })
    assert.equal(subscribe.status, 401)
  })

  test('job progress reaches its user, and organisation-wide jobs the organisation, never anyone else', async ({
    assert,
  }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const other = await createUser()
    const browser = await signedIn(owner.email)
    const uid = randomUUID()
    const stream = await openLiveStream(browser, uid)
    for (const channel of [`users/${owner.id}/jobs`, `orgs/${organization.id}/jobs`]) {
      assert.equal(
        (await browser.send('POST', '/__transmit/subscribe', { uid, channel })).status,
        204
      )
    }

    emitter.emit(
      'platform:job.progress',
      progress({ userId: other.id, organizationId: organization.id })
    )
    const mine = progress({
      userId: owner.id,
      organizationId: organization.id,
      percent: 40.4,
      error: 'stack trace',
    })
    emitter.emit('platform:job.progress', mine)
    const frame = await stream.next()
    assert.equal(frame.channel, `users/${owner.id}/jobs`)
    assert.deepEqual(frame.payload, {
      jobId: mine.jobId,
      organizationId: organization.id,
      name: 'contacts.import',
      label: { fr: 'Import des contacts', en: 'Contacts import' },
      status: 'running',
      percent: 40,
      message: { fr: '400 sur 1000', en: '400 of 1000' },
    })

    const orgWide = progress({
      organizationId: organization.id,
      status: 'completed',
      percent: 100,
      message: null,
    })
    emitter.emit('platform:job.progress', orgWide)
    const orgFrame = await stream.next()
    assert.equal(orgFrame.channel, `orgs/${organization.id}/jobs`)
    assert.equal(orgFrame.payload.jobId, orgWide.jobId)
    assert.equal(orgFrame.payload.status, 'completed')

    assert.equal(
      (
        await browser.send('POST', '/__transmit/unsubscribe', {
          uid,
          channel: `users/${owner.id}/jobs`,
        })
      ).status,
      204
    )
    emitter.emit('platform:job.progress', progress({ userId: owner.id }))
    const afterUnsubscribe = progress({ organizationId: organization.id, status: 'failed' })
    emitter.emit('platform:job.progress', afterUnsubscribe)
    assert.equal((await stream.next()).payload.jobId, afterUnsubscribe.jobId)
    await stream.close()
  })

  test('a notification is pushed to its user’s open pages', async ({ assert }) => {
    const owner = await createUser()
    const browser = await signedIn(owner.email)
    const uid = randomUUID()
    const stream = await openLiveStream(browser, uid)
    await browser.send('POST', '/__transmit/subscribe', {
      uid,
      channel: `users/${owner.id}/notifications`,
    })

    const id = await notifications.notify(owner.id, {
      title: { fr: 'Import terminé', en: 'Import finished' },
      body: { fr: '1000 contacts importés', en: '1000 contacts imported' },
      link: '/contacts',
      level: 'success',
    })
    const created = await stream.next()
    assert.equal(created.channel, `users/${owner.id}/notifications`)
    assert.equal(created.payload.type, 'created')
    assert.equal(created.payload.unread, 1)
    assert.equal(created.payload.notification.id, id)
    assert.deepEqual(created.payload.notification.title, {
      fr: 'Import terminé',
      en: 'Import finished',
    })

    await browser.send('POST', `/api/v1/auth/notifications/${id}/read`)
    const read = await stream.next()
    assert.deepEqual(read.payload, { type: 'read', ids: [id], unread: 0 })
    await stream.close()
  })
})

test.group('Live / subscriptions relayed between processes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  /** This test process, as the one holding the streams, and another process on the same bus that holds none. */
  async function twoProcesses(cleanup: (fn: () => Promise<void>) => void) {
    await live.start(new MemoryTransport())
    const other = new LiveChannels(() => transmit, { relayTimeoutMs: 300 })
    await other.start(new MemoryTransport())
    cleanup(async () => {
      await other.close()
      await live.close()
    })
    return other
  }

  test('a subscription relayed to the process holding the stream is confirmed, and events then reach the stream', async ({
    assert,
    cleanup,
  }) => {
    const other = await twoProcesses(cleanup)
    const owner = await createUser()
    const uid = randomUUID()
    const stream = await openLiveStream(await signedIn(owner.email), uid)
    cleanup(() => stream.close())

    assert.isTrue(await other.subscribe(uid, `users/${owner.id}/notifications`, owner.id))
    live.broadcast(`users/${owner.id}/notifications`, { type: 'read', ids: [], unread: 0 })
    assert.equal((await stream.next()).channel, `users/${owner.id}/notifications`)
  })

  test('a relayed subscription nobody confirms is refused: no process holds the stream, or not for that user', async ({
    assert,
    cleanup,
  }) => {
    const other = await twoProcesses(cleanup)
    const owner = await createUser()
    const stranger = await createUser()
    const uid = randomUUID()
    const stream = await openLiveStream(await signedIn(owner.email), uid)
    cleanup(() => stream.close())

    const started = Date.now()
    assert.isFalse(await other.subscribe(randomUUID(), `users/${owner.id}/jobs`, owner.id))
    assert.isAtLeast(Date.now() - started, 250)
    assert.isFalse(await other.subscribe(uid, `users/${stranger.id}/jobs`, stranger.id))
    // Held here by someone else: refused at once, without asking the bus.
    assert.isFalse(await live.subscribe(uid, `users/${stranger.id}/jobs`, stranger.id))
  })

  test('a wait for confirmation ends when the process closes', async ({ assert, cleanup }) => {
    await live.start(new MemoryTransport())
    const other = new LiveChannels(() => transmit, { relayTimeoutMs: 60_000 })
    await other.start(new MemoryTransport())
    cleanup(() => live.close())
    const owner = await createUser()
    const pending = other.subscribe(randomUUID(), `users/${owner.id}/jobs`, owner.id)
    await sleep(50)
    await other.close()
    assert.isFalse(await pending)
  })
})
