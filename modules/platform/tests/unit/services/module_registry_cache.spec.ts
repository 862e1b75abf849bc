import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { BentoCache, bentostore } from 'bentocache'
import { memoryDriver } from 'bentocache/drivers/memory'
import { redisBusDriver, redisDriver } from 'bentocache/drivers/redis'
import { moduleCatalog } from '@ia/kernel/catalog'
import { ModuleRegistry } from '../../../app/services/module_registry.ts'
import { createOwnerWithOrganization } from '../../helpers.ts'

const REDIS = { host: '127.0.0.1', port: 6379 }

/** One process's cache as config/cache.ts builds it with REDIS_URL: memory in front of Redis, synchronised by the bus. */
function redisBackedCache(prefix: string) {
  return new BentoCache({
    default: 'main',
    prefix,
    stores: {
      main: bentostore()
        .useL1Layer(memoryDriver({ maxSize: '10mb' }))
        .useL2Layer(redisDriver({ connection: REDIS }))
        .useBus(redisBusDriver({ connection: REDIS })),
    },
  })
}

/** One process's cache as config/cache.ts builds it without REDIS_URL. */
function memoryCache() {
  return new BentoCache({
    default: 'main',
    stores: { main: bentostore().useL1Layer(memoryDriver({ maxSize: '10mb' })) },
  })
}

/** Turns a module on behind the registry's back, as another process's committed write looks to this one. */
async function enableDirectly(organizationId: string, moduleId: string) {
  await db.table('platform.organization_modules').insert({
    organization_id: organizationId,
    module_id: moduleId,
    enabled: true,
    installed_at: new Date(),
    enabled_at: new Date(),
  })
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return false
}

test.group('ModuleRegistry cache / memory', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the enabled set is read once, then served from the cache until enable/disable forgets it', async ({
    assert,
  }) => {
    const cache = memoryCache()
    const registry = new ModuleRegistry(moduleCatalog, new Map(), cache, '1m')
    const { owner, organization } = await createOwnerWithOrganization()
    assert.isFalse(await registry.isEnabled(organization.id, 'probe'))

    await enableDirectly(organization.id, 'probe')
    assert.isFalse(await registry.isEnabled(organization.id, 'probe'), 'served from the cache')
    await registry.forgetEnabled(organization.id)
    assert.isTrue(await registry.isEnabled(organization.id, 'probe'))

    await registry.disable(organization.id, 'probe', { id: owner.id, ip: null })
    assert.isFalse(
      await registry.isEnabled(organization.id, 'probe'),
      'disable drops the cached set'
    )
    await registry.enable(organization.id, 'probe', { id: owner.id, ip: null })
    assert.isTrue(await registry.isEnabled(organization.id, 'probe'), 'enable drops the cached set')
    await cache.disconnectAll()
  })

  test('without a bus, another process sees a change once its entry expires', async ({
    assert,
  }) => {
    const [web1, web2] = [memoryCache(), memoryCache()]
    const first = new ModuleRegistry(moduleCatalog, new Map(), web1, '300ms')
    const second = new ModuleRegistry(moduleCatalog, new Map(), web2, '300ms')
    const { owner, organization } = await createOwnerWithOrganization()
    assert.isFalse(await second.isEnabled(organization.id, 'probe'))
    await first.enable(organization.id, 'probe', { id: owner.id, ip: null })
    assert.isTrue(await first.isEnabled(organization.id, 'probe'))
    assert.isFalse(
      await second.isEnabled(organization.id, 'probe'),
      'the other process still holds its copy'
    )
    assert.isTrue(
      await eventually(() => second.isEnabled(organization.id, 'probe'), 2000),
      'until the TTL ends it'
    )
    await Promise.all([web1.disconnectAll(), web2.disconnectAll()])
  })

  test('each organisation has its own entry', async ({ assert }) => {
    const registry = new ModuleRegistry(moduleCatalog, new Map(), memoryCache(), '1m')
    const a = await createOwnerWithOrganization()
    const b = await createOwnerWithOrganization()
    assert.isFalse(await registry.isEnabled(b.organization.id, 'probe'))
    await registry.enable(a.organization.id, 'probe', { id: a.owner.id, ip: null })
    assert.isTrue(await registry.isEnabled(a.organization.id, 'probe'))
    assert.isFalse(await registry.isEnabled(b.organization.id, 'probe'))
  })
})

test.group('ModuleRegistry cache / Redis', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a change made through one process reaches the other process at once through the bus', async ({
    assert,
    cleanup,
  }) => {
    const prefix = `ia-test-${randomUUID()}`
    const [web1, web2] = [redisBackedCache(prefix), redisBackedCache(prefix)]
    cleanup(async () => {
      await web1.clear()
      await Promise.all([web1.disconnectAll(), web2.disconnectAll()])
    })
    // Long TTL: only the bus can make the second process see the change within the test.
    const first = new ModuleRegistry(moduleCatalog, new Map(), web1, '1h')
    const second = new ModuleRegistry(moduleCatalog, new Map(), web2, '1h')
    const { owner, organization } = await createOwnerWithOrganization()
    assert.isFalse(await first.isEnabled(organization.id, 'probe'))
    assert.isFalse(await second.isEnabled(organization.id, 'probe'))

    await first.enable(organization.id, 'probe', { id: owner.id, ip: null })
    assert.isTrue(
      await eventually(() => second.isEnabled(organization.id, 'probe')),
      'enabled everywhere'
    )

    await second.disable(organization.id, 'probe', { id: owner.id, ip: null })
    assert.isTrue(
      await eventually(async () => !(await first.isEnabled(organization.id, 'probe'))),
      'disabled everywhere'
    )
  })

  test('the entry is shared through Redis: a second process reads it without the database', async ({
    assert,
    cleanup,
  }) => {
    const prefix = `ia-test-${randomUUID()}`
    const [web1, web2] = [redisBackedCache(prefix), redisBackedCache(prefix)]
    cleanup(async () => {
      await web1.clear()
      await Promise.all([web1.disconnectAll(), web2.disconnectAll()])
    })
    const first = new ModuleRegistry(moduleCatalog, new Map(), web1, '1h')
    const second = new ModuleRegistry(moduleCatalog, new Map(), web2, '1h')
    const { organization } = await createOwnerWithOrganization()
    assert.isFalse(await first.isEnabled(organization.id, 'probe'))
    await enableDirectly(organization.id, 'probe')
    assert.isFalse(
      await second.isEnabled(organization.id, 'probe'),
      'read from Redis, not from the database'
    )
  })
})
