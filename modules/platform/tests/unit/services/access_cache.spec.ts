import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import { redis } from '@boringnode/bus/transports/redis'
import { AccessCache, accessTags } from '../../../app/services/access_cache.ts'
import { postgresBus } from '../../../app/services/live/postgres_bus_transport.ts'

const REDIS = { host: '127.0.0.1', port: 6379 }

/** A value the caller can tell apart from the next one read. */
function counter() {
  let reads = 0
  return { read: async () => ({ read: ++reads }), reads: () => reads }
}

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return false
}

test.group('AccessCache / one process', () => {
  test('off until enabled: every read goes to the loader', async ({ assert }) => {
    const cache = new AccessCache()
    const source = counter()
    await cache.remember('k', source.read, () => ['t'])
    await cache.remember('k', source.read, () => ['t'])
    assert.equal(source.reads(), 2)
  })

  test('an entry is served until one of its tags is dropped; null is never kept', async ({
    assert,
    cleanup,
  }) => {
    const cache = new AccessCache()
    await cache.enable()
    cleanup(() => cache.disable())
    const source = counter()
    const tags = () => [accessTags.token('1'), accessTags.user('u')]
    assert.deepEqual(await cache.remember('token:1', source.read, tags), { read: 1 })
    assert.deepEqual(await cache.remember('token:1', source.read, tags), { read: 1 })
    await cache.invalidate([accessTags.user('other')])
    assert.deepEqual(await cache.remember('token:1', source.read, tags), { read: 1 })
    await cache.invalidate([accessTags.user('u')])
    assert.deepEqual(await cache.remember('token:1', source.read, tags), { read: 2 })

    let missing = 0
    await cache.remember(
      'absent',
      async () => (++missing, null),
      () => []
    )
    await cache.remember(
      'absent',
      async () => (++missing, null),
      () => []
    )
    assert.equal(missing, 2)
  })

  test('a read under way while its tag is dropped is answered but not kept', async ({
    assert,
    cleanup,
  }) => {
    const cache = new AccessCache()
    await cache.enable()
    cleanup(() => cache.disable())
    let release!: () => void
    const slow = cache.remember(
      'member:o:u',
      () => new Promise<{ role: string }>((done) => (release = () => done({ role: 'admin' }))),
      () => [accessTags.membership('o', 'u')]
    )
    // The write commits and drops the tag while the read above still holds the row from before it.
    await cache.invalidate([accessTags.membership('o', 'u')])
    release()
    assert.deepEqual(await slow, { role: 'admin' })
    assert.deepEqual(
      await cache.remember(
        'member:o:u',
        async () => ({ role: 'member' }),
        () => [accessTags.membership('o', 'u')]
      ),
      { role: 'member' }
    )
  })

  test('entries expire after their time to live', async ({ assert, cleanup }) => {
    const cache = new AccessCache({ ttlMs: 50 })
    await cache.enable()
    cleanup(() => cache.disable())
    const source = counter()
    await cache.remember('k', source.read, () => ['t'])
    await new Promise((resolve) => setTimeout(resolve, 80))
    await cache.remember('k', source.read, () => ['t'])
    assert.equal(source.reads(), 2)
  })
})

/** Two web processes' caches and a worker's publisher on one transport: a drop in any reaches the others. */
for (const [name, transport] of [
  ['Redis', () => redis(REDIS)()],
  [
    'PostgreSQL',
    () =>
      postgresBus({
        connectionString: config.get<string>(
          'database.connections.postgres.connection.connectionString'
        ),
      })(),
  ],
] as const) {
  test.group(`AccessCache / processes through ${name}`, () => {
    test('a drop in one process reaches the other before its next read', async ({
      assert,
      cleanup,
    }) => {
      const [web1, web2] = [
        new AccessCache({ ttlMs: 3_600_000 }),
        new AccessCache({ ttlMs: 3_600_000 }),
      ]
      await web1.enable(transport())
      await web2.enable(transport())
      cleanup(async () => {
        await Promise.all([web1.disable(), web2.disable()])
      })
      const [source1, source2] = [counter(), counter()]
      const tags = () => [accessTags.membership('org', 'user')]
      await web1.remember('member:org:user', source1.read, tags)
      await web2.remember('member:org:user', source2.read, tags)

      await web1.invalidate([accessTags.membership('org', 'user')])
      assert.isTrue(
        await eventually(
          async () => (await web2.remember('member:org:user', source2.read, tags))?.read === 2
        )
      )
      assert.deepEqual(await web1.remember('member:org:user', source1.read, tags), { read: 2 })
    })

    test('a process that serves nothing (a worker, a command) tells the web processes what it changed', async ({
      assert,
      cleanup,
    }) => {
      const web = new AccessCache({ ttlMs: 3_600_000 })
      const worker = new AccessCache()
      await web.enable(transport())
      worker.publishThrough(transport)
      cleanup(async () => {
        await Promise.all([web.disable(), worker.disable()])
      })
      const source = counter()
      const tags = () => [accessTags.user('u')]
      await web.remember('user:u', source.read, tags)
      await worker.invalidate([accessTags.user('u')])
      assert.isTrue(
        await eventually(async () => (await web.remember('user:u', source.read, tags))?.read === 2)
      )
    })
  })
}
