import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { createOwnerWithOrganization, enableModule } from '../../helpers.ts'
import { tenantContext } from '@ia/kernel/contracts'
import { SearchService } from '../../../app/services/search/search_service.ts'

/** A service of its own with one probe type owned by the probe fixture module, whose records are `records`. */
function probeService(records: Map<string, { id: string; title: string }[]>, seen: string[] = []) {
  const service = new SearchService()
  service.registerType({
    type: 'probe.note',
    moduleId: 'probe',
    reindex: async function* (organizationId) {
      seen.push(`${organizationId}=${tenantContext.current()}`)
      for (const record of records.get(organizationId) ?? [])
        yield { id: record.id, title: record.title, url: `/probe/${record.id}` }
    },
  })
  return service
}

test.group('Search / service', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('leaves out the types of modules the organisation has not enabled', async ({ assert }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    const service = probeService(new Map())
    await service.index(organization.id, 'probe.note', 'p1', {
      title: 'Société Minière',
      url: '/probe/p1',
    })

    assert.deepEqual(await service.query(organization.id, 'societe'), [])

    await enableModule(organization, 'probe', owner)
    assert.deepEqual(await service.query(organization.id, 'societe'), [
      {
        type: 'probe.note',
        moduleId: 'probe',
        id: 'p1',
        title: 'Société Minière',
        subtitle: null,
        url: '/probe/p1',
      },
    ])

    const registry = await app.container.make('platform.modules')
    await registry.disable(organization.id, 'probe', { id: owner.id, ip: null })
    assert.deepEqual(await service.query(organization.id, 'societe'), [])
  })

  test('narrows to the asked types and caps the number of results', async ({ assert }) => {
    const { owner, organization } = await createOwnerWithOrganization()
    await enableModule(organization, 'probe', owner)
    const service = probeService(new Map())
    for (let index = 0; index < 60; index += 1) {
      await service.index(organization.id, 'probe.note', `p${index}`, {
        title: `Client ${index}`,
        url: `/probe/p${index}`,
      })
    }
    assert.lengthOf(await service.query(organization.id, 'client'), 20)
    assert.lengthOf(await service.query(organization.id, 'client', { limit: 500 }), 50)
    assert.lengthOf(await service.query(organization.id, 'client', { types: ['probe.other'] }), 0)
    assert.lengthOf(
      await service.query(organization.id, 'client', { types: ['probe.note'], limit: 3 }),
      3
    )
    assert.deepEqual(await service.query(organization.id, '   '), [])
  })

  test('refuses badly named or duplicate types and malformed documents', async ({ assert }) => {
    const service = probeService(new Map())
    const reindex = async function* () {}
    assert.throws(
      () => service.registerType({ type: 'note', moduleId: 'probe', reindex }),
      /<module>\.<record>/
    )
    assert.throws(
      () => service.registerType({ type: 'invoicing.invoice', moduleId: 'probe', reindex }),
      /<module>\.<record>/
    )
    assert.throws(
      () => service.registerType({ type: 'probe.note', moduleId: 'probe', reindex }),
      /already registered/
    )
    const { organization } = await createOwnerWithOrganization()
    await assert.rejects(
      () => service.index(organization.id, 'probe.unknown', 'x', { title: 'X', url: '/x' }),
      /Unknown search type/
    )
    await assert.rejects(
      () => service.index(organization.id, 'probe.note', 'x', { title: '  ', url: '/x' }),
      /needs a title/
    )
    await assert.rejects(
      () =>
        service.index(organization.id, 'probe.note', 'x', {
          title: 'X',
          url: 'https://evil.example',
        }),
      /shell route/
    )
  })

  test('rebuilds from the records of every organisation that installed the module, each read in its own tenant context', async ({
    assert,
  }) => {
    const one = await createOwnerWithOrganization()
    const two = await createOwnerWithOrganization()
    const never = await createOwnerWithOrganization()
    await enableModule(one.organization, 'probe', one.owner)
    await enableModule(two.organization, 'probe', two.owner)
    const registry = await app.container.make('platform.modules')
    await registry.disable(two.organization.id, 'probe', { id: two.owner.id, ip: null })

    const records = new Map([
      [
        one.organization.id,
        [
          { id: 'a', title: 'Alpha Mines' },
          { id: 'b', title: 'Beta Mines' },
        ],
      ],
      [two.organization.id, [{ id: 'c', title: 'Gamma Mines' }]],
      [never.organization.id, [{ id: 'd', title: 'Delta Mines' }]],
    ])
    const seen: string[] = []
    const service = probeService(records, seen)
    await service.index(one.organization.id, 'probe.note', 'stale', {
      title: 'Stale Mines',
      url: '/probe/stale',
    })

    const counts = await service.rebuild()

    assert.deepEqual(counts, [{ type: 'probe.note', count: 3 }])
    assert.sameMembers(seen, [
      `${one.organization.id}=${one.organization.id}`,
      `${two.organization.id}=${two.organization.id}`,
    ])
    const rows = await db
      .from('platform.search_documents')
      .where('type', 'probe.note')
      .whereIn('organization_id', [one.organization.id, two.organization.id, never.organization.id])
      .orderBy('record_id')
      .select('record_id')
    assert.deepEqual(
      rows.map((row) => row.record_id),
      ['a', 'b', 'c']
    )

    records.set(one.organization.id, [{ id: 'a', title: 'Alpha Mines' }])
    assert.deepEqual(
      await service.rebuild({ type: 'probe.note', organizationId: one.organization.id }),
      [{ type: 'probe.note', count: 1 }]
    )
    assert.deepEqual(
      (await service.query(one.organization.id, 'mines')).map((result) => result.id),
      ['a']
    )
  })

  test('uses Elasticsearch when ELASTICSEARCH_URL is configured, PostgreSQL otherwise', async ({
    assert,
    cleanup,
  }) => {
    assert.equal(new SearchService().engine().name, 'postgres')
    const previous = app.config.get('search.elasticsearch', null)
    app.config.set('search.elasticsearch', { url: 'http://localhost:9200', indexPrefix: 'ia' })
    cleanup(() => app.config.set('search.elasticsearch', previous))
    assert.equal(new SearchService().engine().name, 'elasticsearch')
  })
})
