import { createRequire } from 'node:module'
import { test } from '@japa/runner'
import { Client, type ClientOptions } from '@elastic/elasticsearch'
import {
  ElasticsearchSearchEngine,
  INDEX_MAPPINGS,
  INDEX_SETTINGS,
} from '../../../app/services/search/elasticsearch_search_engine.ts'
import type { SearchDocument } from '../../../app/services/search/search_engine.ts'

const ORG = '6a1f4c1e-3b2d-4e5f-8a9b-0c1d2e3f4a5b'
const OTHER_ORG = '7b2e5d2f-4c3e-4f60-9bac-1d2e3f4a5b6c'
const ALIAS = 'ia-search-contacts.contact'

type Recorded = { method: string; path: string; querystring: Record<string, string>; body: any }

/** An engine whose client talks to a mock that records every request; `routes` answer them. */
function setup(routes: { method: string | string[]; path: string | string[]; reply: (request: Recorded) => unknown }[]) {
  const mock = new Mock()
  const requests: Recorded[] = []
  for (const route of routes) {
    mock.add({ method: route.method, path: route.path } as any, (params: any) => {
      const request = { method: params.method, path: params.path, querystring: params.querystring, body: params.body }
      requests.push(request)
      return route.reply(request) as any
    })
  }
  // The CommonJS connection class works with the ES module client; only their declared types differ.
  const client = new Client({ node: 'http://localhost:9200', Connection: mock.getConnection() as unknown as ClientOptions['Connection'] })
  return { engine: new ElasticsearchSearchEngine(client, 'ia'), requests }
}

function document(recordId: string, organizationId = ORG): SearchDocument {
  return {
    organizationId,
    type: 'contacts.contact',
    recordId,
    title: 'Société Minière',
    subtitle: 'Lubumbashi',
    body: null,
    url: `/contacts/${recordId}`,
    keywords: ['+243810000001'],
  }
}

// The mock is CommonJS and recognises only the CommonJS build's error class as an error to answer with.
const require = createRequire(import.meta.url)
const { errors } = require('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch')
const Mock = require('@elastic/elasticsearch-mock') as typeof import('@elastic/elasticsearch-mock').default

function responseError(statusCode: number, type: string) {
  return new errors.ResponseError({
    body: { error: { type }, status: statusCode },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as any,
  })
}

const aliasMissing = { method: 'HEAD', path: '/_alias/:name', reply: () => responseError(404, 'aliases_not_found_exception') }
const aliasExists = { method: 'HEAD', path: '/_alias/:name', reply: () => '' }
const createIndex = { method: 'PUT', path: '/:index', reply: () => ({ acknowledged: true }) }
const bulkOk = { method: 'POST', path: '/_bulk', reply: () => ({ errors: false, took: 1, items: [] }) }

async function* each(documents: SearchDocument[]) {
  yield* documents
}

test.group('Search / Elasticsearch engine', () => {
  test('a query filters on the organisation and the types, through the types\' aliases', async ({ assert }) => {
    const { engine, requests } = setup([
      {
        method: 'POST',
        path: '/:index/_search',
        reply: () => ({
          took: 1,
          timed_out: false,
          _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
          hits: {
            total: { value: 1, relation: 'eq' },
            max_score: 2.5,
            hits: [
              {
                _index: `${ALIAS}-initial`,
                _id: `${ORG}:c1`,
                _score: 2.5,
                _source: { type: 'contacts.contact', record_id: 'c1', title: 'Société Minière', subtitle: 'Lubumbashi', url: '/contacts/c1' },
              },
            ],
          },
        }),
      },
    ])

    const hits = await engine.query({ organizationId: ORG, text: 'societe minire', types: ['contacts.contact', 'invoicing.invoice'], limit: 20 })

    assert.deepEqual(hits, [{ type: 'contacts.contact', recordId: 'c1', title: 'Société Minière', subtitle: 'Lubumbashi', url: '/contacts/c1', score: 2.5 }])
    assert.lengthOf(requests, 1)
    const [request] = requests
    assert.equal(request.path, `/${ALIAS},ia-search-invoicing.invoice/_search`)
    assert.deepEqual(request.querystring, { ignore_unavailable: 'true', allow_no_indices: 'true', routing: ORG })
    const fields = ['title^3', 'title.folded^3', 'keywords^2', 'subtitle^2', 'body']
    assert.deepEqual(request.body, {
      size: 20,
      _source: ['type', 'record_id', 'title', 'subtitle', 'url'],
      query: {
        bool: {
          filter: [{ term: { organization_id: ORG } }, { terms: { type: ['contacts.contact', 'invoicing.invoice'] } }],
          should: [
            { multi_match: { query: 'societe minire', fields, type: 'best_fields', operator: 'and', fuzziness: 'AUTO' } },
            { multi_match: { query: 'societe minire', fields, type: 'bool_prefix', operator: 'and' } },
          ],
          minimum_should_match: 1,
        },
      },
    })
  })

  test('a query without types asks nothing', async ({ assert }) => {
    const { engine, requests } = setup([])
    assert.deepEqual(await engine.query({ organizationId: ORG, text: 'x', types: [], limit: 5 }), [])
    assert.lengthOf(requests, 0)
  })

  test('the first write creates the index behind its alias with strict french mappings, then bulk-indexes', async ({ assert }) => {
    const { engine, requests } = setup([aliasMissing, createIndex, bulkOk])

    await engine.upsert([document('c1'), document('c2', OTHER_ORG)])
    await engine.upsert([document('c3')])

    assert.deepEqual(
      requests.map((request) => `${request.method} ${request.path}`),
      [`HEAD /_alias/${ALIAS}`, `PUT /${ALIAS}-initial`, 'POST /_bulk', 'POST /_bulk']
    )
    assert.deepEqual(requests[1].body, { settings: INDEX_SETTINGS, mappings: INDEX_MAPPINGS, aliases: { [ALIAS]: { is_write_index: true } } })
    assert.equal(INDEX_MAPPINGS.dynamic, 'strict')
    assert.deepEqual(INDEX_MAPPINGS.properties!.organization_id, { type: 'keyword' })

    const bulk = requests[2].body
    assert.lengthOf(bulk, 4)
    assert.deepEqual(bulk[0], { index: { _index: ALIAS, _id: `${ORG}:c1`, routing: ORG } })
    const { updated_at: updatedAt, ...stored } = bulk[1]
    assert.deepEqual(stored, {
      organization_id: ORG,
      type: 'contacts.contact',
      record_id: 'c1',
      title: 'Société Minière',
      subtitle: 'Lubumbashi',
      body: null,
      keywords: ['+243810000001'],
      url: '/contacts/c1',
    })
    assert.isFalse(Number.isNaN(Date.parse(updatedAt)))
    assert.deepEqual(bulk[2], { index: { _index: ALIAS, _id: `${OTHER_ORG}:c2`, routing: OTHER_ORG } })
    assert.equal(bulk[3].organization_id, OTHER_ORG)
    assert.deepEqual(Object.keys(bulk[3]).sort(), Object.keys(INDEX_MAPPINGS.properties!).sort())
  })

  test('two processes racing to create the first index both succeed; other refusals are errors', async ({ assert }) => {
    const raced = setup([aliasMissing, { method: 'PUT', path: '/:index', reply: () => responseError(400, 'resource_already_exists_exception') }, bulkOk])
    await raced.engine.upsert([document('c1')])
    assert.equal(raced.requests.at(-1)!.path, '/_bulk')

    const refused = setup([aliasMissing, { method: 'PUT', path: '/:index', reply: () => responseError(400, 'mapper_parsing_exception') }, bulkOk])
    await assert.rejects(() => refused.engine.upsert([document('c1')]))
    assert.notInclude(refused.requests.map((request) => request.path), '/_bulk')
  })

  test('a refused document fails the write', async ({ assert }) => {
    const { engine } = setup([
      aliasExists,
      {
        method: 'POST',
        path: '/_bulk',
        reply: () => ({ errors: true, took: 1, items: [{ index: { _index: ALIAS, _id: 'x', status: 400, error: { type: 'strict_dynamic_mapping_exception' } } }] }),
      },
    ])
    await assert.rejects(() => engine.upsert([document('c1')]), /strict_dynamic_mapping_exception/)
  })

  test("removal deletes the organisation's documents by id and ignores records never indexed", async ({ assert }) => {
    const { engine, requests } = setup([
      aliasExists,
      {
        method: 'POST',
        path: '/_bulk',
        reply: () => ({ errors: true, took: 1, items: [{ delete: { _index: ALIAS, _id: `${ORG}:gone`, status: 404, result: 'not_found' } }] }),
      },
    ])
    await engine.remove(ORG, 'contacts.contact', ['gone'])
    assert.deepEqual(requests.at(-1)!.body, [{ delete: { _index: ALIAS, _id: `${ORG}:gone`, routing: ORG } }])
  })

  test("rebuilding one organisation deletes only its documents, then indexes the new ones", async ({ assert }) => {
    const { engine, requests } = setup([
      aliasExists,
      bulkOk,
      { method: 'POST', path: '/:index/_delete_by_query', reply: () => ({ deleted: 3, failures: [] }) },
      { method: ['POST', 'GET'], path: '/:index/_refresh', reply: () => ({ _shards: { total: 1, successful: 1, failed: 0 } }) },
    ])

    const count = await engine.rebuild('contacts.contact', each([document('c1'), document('c2')]), ORG)

    assert.equal(count, 2)
    assert.deepEqual(
      requests.map((request) => `${request.method} ${request.path}`),
      [`HEAD /_alias/${ALIAS}`, `POST /${ALIAS}/_delete_by_query`, 'POST /_bulk', `GET /${ALIAS}/_refresh`]
    )
    assert.deepEqual(requests[1].querystring, { routing: ORG, conflicts: 'proceed', refresh: 'true' })
    assert.deepEqual(requests[1].body, { query: { bool: { filter: [{ term: { organization_id: ORG } }] } } })
    assert.deepEqual(requests[2].body.filter((_: unknown, index: number) => index % 2 === 0), [
      { index: { _index: ALIAS, _id: `${ORG}:c1`, routing: ORG } },
      { index: { _index: ALIAS, _id: `${ORG}:c2`, routing: ORG } },
    ])
  })

  test('a full rebuild fills a new index, then swaps the alias to it and drops the old one', async ({ assert }) => {
    const { engine, requests } = setup([
      aliasExists,
      createIndex,
      bulkOk,
      { method: ['POST', 'GET'], path: '/:index/_refresh', reply: () => ({ _shards: { total: 1, successful: 1, failed: 0 } }) },
      { method: 'GET', path: '/_alias/:name', reply: () => ({ [`${ALIAS}-initial`]: { aliases: { [ALIAS]: {} } } }) },
      { method: 'POST', path: '/_aliases', reply: () => ({ acknowledged: true }) },
      { method: 'DELETE', path: '/:index', reply: () => ({ acknowledged: true }) },
    ])

    const count = await engine.rebuild('contacts.contact', each([document('c1'), document('c2', OTHER_ORG)]))

    assert.equal(count, 2)
    const created = requests[0].path.slice(1)
    assert.match(created, /^ia-search-contacts\.contact-\d+$/)
    assert.deepEqual(
      requests.map((request) => `${request.method} ${request.path}`),
      [
        `PUT /${created}`,
        'POST /_bulk',
        `GET /${created}/_refresh`,
        `HEAD /_alias/${ALIAS}`,
        `GET /_alias/${ALIAS}`,
        'POST /_aliases',
        `DELETE /${ALIAS}-initial`,
      ]
    )
    assert.deepEqual(requests[0].body, { settings: INDEX_SETTINGS, mappings: INDEX_MAPPINGS })
    assert.deepEqual(requests[1].body[0], { index: { _index: created, _id: `${ORG}:c1`, routing: ORG } })
    assert.deepEqual(requests[1].body[2], { index: { _index: created, _id: `${OTHER_ORG}:c2`, routing: OTHER_ORG } })
    assert.deepEqual(requests[5].body, {
      actions: [{ remove: { index: `${ALIAS}-initial`, alias: ALIAS } }, { add: { index: created, alias: ALIAS, is_write_index: true } }],
    })
  })
})
