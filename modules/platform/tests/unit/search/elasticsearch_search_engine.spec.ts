import { createRequire } from 'node:module'
import { test } from '@japa/runner'
import { Client, type ClientOptions } from '@elastic/elasticsearch'
import {
  ElasticsearchSearchEngine,
  INDEX_MAPPINGS,
  INDEX_SETTINGS,
} from '../../../app/services/search/elasticsearch_search_engine.ts'
import type { SearchDocument } from '../../../app/services/search/search_engine.ts'
import { phoneSearchKeywords, phoneSearchText } from '@ia/kernel/contracts'

const ORG = '6a1f4c1e-3b2d-4e5f-8a9b-0c1d2e3f4a5b'
const OTHER_ORG = '7b2e5d2f-4c3e-4f60-9bac-1d2e3f4a5b6c'
const ALIAS = 'ia-search-contacts.contact'

type Recorded = { method: string; path: string; querystring: Record<string, string>; body: any }
type Route = {
  method: string | string[]
  path: string | string[]
  reply: (request: Recorded) => unknown
}

/**
 * A client whose connection answers from `routes` and records every request; `before` runs (and is
 * awaited) before each request leaves, which lets a test slip another process's write in between.
 */
function connect(
  routes: Route[],
  before?: (request: { method: string; path: string }) => Promise<void>
) {
  const mock = new Mock()
  const requests: Recorded[] = []
  for (const route of routes) {
    mock.add({ method: route.method, path: route.path } as any, (params: any) => {
      const request = {
        method: params.method,
        path: params.path,
        querystring: params.querystring,
        body: params.body,
      }
      requests.push(request)
      return route.reply(request) as any
    })
  }
  // The CommonJS connection class works with the ES module client; only their declared types differ.
  const MockConnection = mock.getConnection() as any
  const Connection = class extends MockConnection {
    async request(params: any, options: any) {
      await before?.({ method: params.method, path: params.path })
      return super.request(params, options)
    }
  }
  const client = new Client({
    node: 'http://localhost:9200',
    Connection: Connection as unknown as ClientOptions['Connection'],
  })
  return { engine: new ElasticsearchSearchEngine(client, 'ia'), requests }
}

/** An engine whose client talks to a mock that records every request; `routes` answer them. */
function setup(routes: Route[]) {
  return connect(routes)
}

function searchDocument(recordId: string, organizationId = ORG): SearchDocument {
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
const Mock =
  require('@elastic/elasticsearch-mock') as typeof import('@elastic/elasticsearch-mock').default

function responseError(
  statusCode: number,
  type: string,
  body: unknown = { error: { type }, status: statusCode }
) {
  return new errors.ResponseError({
    body,
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as any,
  })
}

/** The fields every query searches, with their weights. */
const FIELDS = [
  'title^3',
  'title.folded^3',
  'keywords^2',
  'keywords.folded^2',
  'subtitle^2',
  'subtitle.folded^2',
  'body',
]

const REBUILDING = `${ALIAS}-rebuilding`
const aliasMissing = {
  method: 'HEAD',
  path: '/_alias/:name',
  reply: () => responseError(404, 'aliases_not_found_exception'),
}
const aliasExists = { method: 'HEAD', path: '/_alias/:name', reply: () => '' }
/** No full rebuild is filling an index: the rebuilding alias is missing. */
const notRebuilding = {
  method: 'GET',
  path: `/_alias/${REBUILDING}`,
  reply: () => responseError(404, '', { error: `alias [${REBUILDING}] missing`, status: 404 }),
}
const createIndex = { method: 'PUT', path: '/:index', reply: () => ({ acknowledged: true }) }
const bulkOk = {
  method: 'POST',
  path: '/_bulk',
  reply: () => ({ errors: false, took: 1, items: [] }),
}
const refreshOk = {
  method: ['POST', 'GET'],
  path: '/:index/_refresh',
  reply: () => ({ _shards: { total: 1, successful: 1, failed: 0 } }),
}

type FakeIndex = {
  documents: Map<string, { source: Record<string, any>; version: number }>
  /** Versions of removed documents (Elasticsearch keeps them for `index.gc_deletes`). */
  removed: Map<string, number>
  aliases: Map<string, boolean>
  /** The fields a strict mapping accepts; null when dynamic (an index a write created by accident). */
  fields: Set<string> | null
  settings: Record<string, unknown>
}

/**
 * An in-memory cluster behind the mock, shared by several engines as the web, worker and ace
 * processes share one: indices, aliases, strict mappings, versioned bulk writes, refusing and
 * auto-creating like Elasticsearch, and the term filters the by-query requests use.
 */
class FakeCluster {
  readonly indices = new Map<string, FakeIndex>()
  readonly autoCreated: string[] = []
  readonly requests: Recorded[] = []

  /** An engine of one more process; `before` runs before each of its requests. */
  process(before?: (request: { method: string; path: string }) => Promise<void>) {
    const connection = connect(this.#routes(), before)
    return connection.engine
  }

  /** Documents of an index or alias, by id. */
  documents(name: string) {
    return Object.fromEntries(
      this.#targets(name).flatMap((index) =>
        [...this.indices.get(index)!.documents].map(([id, document]) => [id, document.source])
      )
    )
  }

  /** Indices behind an alias. */
  behind(alias: string) {
    return [...this.indices].filter(([, index]) => index.aliases.has(alias)).map(([name]) => name)
  }

  create(
    name: string,
    body: {
      mappings?: any
      settings?: any
      aliases?: Record<string, { is_write_index?: boolean }>
    } = {}
  ) {
    if (this.indices.has(name)) return responseError(400, 'resource_already_exists_exception')
    for (const [alias, options] of Object.entries(body.aliases ?? {})) {
      const writers = this.behind(alias).filter((index) =>
        this.indices.get(index)!.aliases.get(alias)
      )
      if (options.is_write_index && writers.length)
        return responseError(400, 'illegal_state_exception')
    }
    this.indices.set(name, {
      documents: new Map(),
      removed: new Map(),
      aliases: new Map(
        Object.entries(body.aliases ?? {}).map(([alias, options]) => [
          alias,
          Boolean(options.is_write_index),
        ])
      ),
      fields:
        body.mappings?.dynamic === 'strict' ? new Set(Object.keys(body.mappings.properties)) : null,
      settings: { ...body.settings },
    })
    return { acknowledged: true }
  }

  #targets(name: string) {
    return this.indices.has(name) ? [name] : this.behind(name)
  }

  #writeIndex(name: string) {
    const targets = this.#targets(name)
    return targets.length === 1
      ? targets[0]
      : targets.find((index) => this.indices.get(index)!.aliases.get(name))
  }

  #matches(source: Record<string, any>, query: any) {
    return query.bool.filter.every((clause: any) =>
      Object.entries(clause.term).every(([field, value]) => source[field] === value)
    )
  }

  #write(kind: string, meta: any, source?: Record<string, any>) {
    let name = this.#writeIndex(meta._index)
    if (!name) {
      // Like Elasticsearch: a delete does not create a missing index, unless it is externally versioned.
      if (kind === 'delete' && !meta.version_type)
        return { _index: meta._index, status: 404, error: { type: 'index_not_found_exception' } }
      name = meta._index as string
      this.create(name)
      this.autoCreated.push(name)
    }
    const index = this.indices.get(name)!
    const id = meta._id as string
    const current = index.documents.get(id)?.version ?? index.removed.get(id)
    const unknown =
      source && index.fields && Object.keys(source).find((field) => !index.fields!.has(field))
    if (unknown)
      return {
        _index: name,
        _id: id,
        status: 400,
        error: { type: 'strict_dynamic_mapping_exception', reason: unknown },
      }
    let version = (current ?? 0) + 1
    if (meta.version_type) {
      const conflict =
        current !== undefined &&
        (meta.version_type === 'external' ? current >= meta.version : current > meta.version)
      if (conflict)
        return {
          _index: name,
          _id: id,
          status: 409,
          error: { type: 'version_conflict_engine_exception' },
        }
      version = meta.version
    }
    if (kind === 'index') {
      index.documents.set(id, { source: source!, version })
      index.removed.delete(id)
      return { _index: name, _id: id, status: 200, result: 'updated' }
    }
    const found = index.documents.delete(id)
    index.removed.set(id, version)
    return {
      _index: name,
      _id: id,
      status: found ? 200 : 404,
      result: found ? 'deleted' : 'not_found',
    }
  }

  #routes(): Route[] {
    const name = (request: Recorded, at = 1) => decodeURIComponent(request.path.split('/')[at])
    const record = (reply: (request: Recorded) => unknown) => (request: Recorded) => {
      this.requests.push(request)
      return reply(request)
    }
    const aliasBody = (alias: string) =>
      Object.fromEntries(
        this.behind(alias).map((index) => [
          index,
          { aliases: { [alias]: { is_write_index: this.indices.get(index)!.aliases.get(alias) } } },
        ])
      )
    const routes: Route[] = [
      {
        method: 'HEAD',
        path: '/_alias/:name',
        reply: (request) =>
          this.behind(name(request, 2)).length
            ? ''
            : responseError(404, 'aliases_not_found_exception'),
      },
      {
        method: 'GET',
        path: '/_alias/:name',
        reply: (request) => {
          const alias = name(request, 2)
          return this.behind(alias).length
            ? aliasBody(alias)
            : responseError(404, '', { error: `alias [${alias}] missing`, status: 404 })
        },
      },
      {
        method: 'PUT',
        path: '/:index',
        reply: (request) => this.create(name(request), request.body),
      },
      {
        method: 'DELETE',
        path: '/:index',
        reply: (request) => {
          const names = name(request).split(',')
          if (names.some((index) => !this.indices.has(index)))
            return responseError(404, 'index_not_found_exception')
          for (const index of names) this.indices.delete(index)
          return { acknowledged: true }
        },
      },
      {
        method: 'POST',
        path: '/_aliases',
        reply: (request) => {
          for (const action of request.body.actions) {
            if (action.add)
              this.indices
                .get(action.add.index)!
                .aliases.set(action.add.alias, Boolean(action.add.is_write_index))
            if (action.remove)
              this.indices.get(action.remove.index)!.aliases.delete(action.remove.alias)
          }
          return { acknowledged: true }
        },
      },
      {
        method: 'POST',
        path: '/_bulk',
        reply: (request) => {
          const lines = [...request.body]
          const items = []
          while (lines.length) {
            const [kind, meta] = Object.entries(lines.shift())[0]
            items.push({
              [kind]: this.#write(kind, meta, kind === 'delete' ? undefined : lines.shift()),
            })
          }
          return { errors: items.some((item) => Object.values(item)[0].error), took: 1, items }
        },
      },
      refreshOk,
      {
        method: 'PUT',
        path: '/:index/_settings',
        reply: (request) => {
          for (const index of this.#targets(name(request)))
            Object.assign(this.indices.get(index)!.settings, request.body)
          return { acknowledged: true }
        },
      },
      {
        method: 'PUT',
        path: '/:index/_mapping',
        reply: (request) => {
          for (const index of this.#targets(name(request)))
            for (const field of Object.keys(request.body.properties))
              this.indices.get(index)!.fields?.add(field)
          return { acknowledged: true }
        },
      },
      {
        method: 'POST',
        path: '/:index/_update_by_query',
        reply: (request) => {
          for (const index of this.#targets(name(request)).map((target) =>
            this.indices.get(target)!
          )) {
            for (const [id, document] of index.documents) {
              if (!this.#matches(document.source, request.body.query)) continue
              if (index.fields && !index.fields.has('generation'))
                return responseError(400, 'strict_dynamic_mapping_exception')
              index.documents.set(id, {
                source: { ...document.source, generation: request.body.script.params.generation },
                version: document.version + 1,
              })
            }
          }
          return { updated: 0, failures: [] }
        },
      },
      {
        method: 'POST',
        path: '/:index/_delete_by_query',
        reply: (request) => {
          for (const index of this.#targets(name(request)).map((target) =>
            this.indices.get(target)!
          )) {
            for (const [id, document] of index.documents) {
              if (!this.#matches(document.source, request.body.query)) continue
              index.documents.delete(id)
              index.removed.set(id, document.version + 1)
            }
          }
          return { deleted: 0, failures: [] }
        },
      },
      {
        method: 'POST',
        path: '/:index/_search',
        reply: (request) => {
          // The organisation filter, and the query's `bool_prefix` clause as the standard tokenizer
          // and lowercase filter read it: every word a token of a searched field, the last one a prefix.
          const organizationId = request.body.query.bool.filter[0].term.organization_id
          const words = tokens(request.body.query.bool.should[2].multi_match.query)
          const hits = this.#targets(name(request)).flatMap((index) =>
            [...this.indices.get(index)!.documents.values()]
              .map((document) => document.source)
              .filter((source) => source.organization_id === organizationId)
              .filter((source) => {
                const indexed = tokens(
                  [source.title, source.subtitle, ...source.keywords].join(' ')
                )
                return words.every((word, at) =>
                  indexed.some((token) =>
                    at === words.length - 1 ? token.startsWith(word) : token === word
                  )
                )
              })
              .map((source) => ({
                _index: index,
                _id: `${source.organization_id}:${source.record_id}`,
                _score: 1,
                _source: source,
              }))
          )
          return { hits: { hits } }
        },
      },
    ]
    return routes.map((route) => ({ ...route, reply: record(route.reply) }))
  }
}

/** Text split as Elasticsearch's standard tokenizer and lowercase filter split it (letters and digits). */
function tokens(text: string) {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
}

async function* each(documents: SearchDocument[]) {
  yield* documents
}

/** What a rebuild reads from the database, then `meanwhile` (before the fill writes its last batch). */
async function* reading(documents: SearchDocument[], meanwhile: () => Promise<void>) {
  yield* documents
  await meanwhile()
}

function titled(recordId: string, title: string, organizationId = ORG): SearchDocument {
  return { ...searchDocument(recordId, organizationId), title }
}

/** A cluster holding one index behind the alias, created before documents had a generation field. */
function clusterWith(documents: SearchDocument[]) {
  const cluster = new FakeCluster()
  const { generation: _, ...properties } = INDEX_MAPPINGS.properties!
  cluster.create(`${ALIAS}-initial`, {
    settings: INDEX_SETTINGS,
    mappings: { ...INDEX_MAPPINGS, properties },
    aliases: { [ALIAS]: { is_write_index: true } },
  })
  const index = cluster.indices.get(`${ALIAS}-initial`)!
  for (const stored of documents) {
    const { organizationId, recordId, type, subtitle, body, keywords, url, title } = stored
    index.documents.set(`${organizationId}:${recordId}`, {
      source: {
        organization_id: organizationId,
        type,
        record_id: recordId,
        title,
        subtitle,
        body,
        keywords,
        url,
        updated_at: new Date(0).toISOString(),
      },
      version: 1,
    })
  }
  return cluster
}

/** Ids and titles of what an alias shows. */
function titles(cluster: FakeCluster, alias = ALIAS) {
  return Object.fromEntries(
    Object.entries(cluster.documents(alias)).map(([id, source]) => [id, source.title])
  )
}

test.group('Search / Elasticsearch engine', () => {
  test("a query filters on the organisation and the types, through the types' aliases", async ({
    assert,
  }) => {
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
                _source: {
                  type: 'contacts.contact',
                  record_id: 'c1',
                  title: 'Société Minière',
                  subtitle: 'Lubumbashi',
                  url: '/contacts/c1',
                },
              },
            ],
          },
        }),
      },
    ])

    const hits = await engine.query({
      organizationId: ORG,
      text: 'societe minire',
      types: ['contacts.contact', 'invoicing.invoice'],
      limit: 20,
    })

    assert.deepEqual(hits, [
      {
        type: 'contacts.contact',
        recordId: 'c1',
        title: 'Société Minière',
        subtitle: 'Lubumbashi',
        url: '/contacts/c1',
        score: 2.5,
      },
    ])
    assert.lengthOf(requests, 1)
    const [request] = requests
    assert.equal(request.path, `/${ALIAS},ia-search-invoicing.invoice/_search`)
    assert.deepEqual(request.querystring, {
      ignore_unavailable: 'true',
      allow_no_indices: 'true',
      routing: ORG,
    })
    assert.deepEqual(request.body, {
      size: 20,
      _source: ['type', 'record_id', 'title', 'subtitle', 'url'],
      query: {
        bool: {
          filter: [
            { term: { organization_id: ORG } },
            { terms: { type: ['contacts.contact', 'invoicing.invoice'] } },
          ],
          should: [
            {
              constant_score: {
                filter: {
                  multi_match: {
                    query: 'societe minire',
                    fields: FIELDS,
                    type: 'best_fields',
                    operator: 'and',
                  },
                },
                boost: 100,
              },
            },
            {
              bool: {
                must: ['societe', 'minire'].map((word) => ({
                  multi_match: {
                    query: word,
                    fields: FIELDS,
                    operator: 'and',
                    fuzziness: 'AUTO',
                    zero_terms_query: 'all',
                  },
                })),
                filter: [
                  { multi_match: { query: 'societe minire', fields: FIELDS, fuzziness: 'AUTO' } },
                ],
              },
            },
            {
              multi_match: {
                query: 'societe minire',
                fields: FIELDS,
                type: 'bool_prefix',
                operator: 'and',
              },
            },
          ],
          minimum_should_match: 1,
        },
      },
    })
  })

  /** The misspellings the PostgreSQL engine is tested with, as a user would type them here. */
  const MISSPELLINGS = [
    { mistake: 'missing letter', text: 'Mwangza' },
    { mistake: 'extra letter', text: 'garrage' },
    { mistake: 'swapped letters', text: 'gaarge' },
    { mistake: 'wrong letter', text: 'gasage' },
    { mistake: 'wrong letter with an accent typed', text: 'Sociâte' },
    { mistake: 'one right word and one misspelt word', text: 'garage  mwangazza' },
  ]

  test(
    'a misspelt query asks for each word within AUTO edits in every field, and exact matches first: {mistake}'
  )
    .with(MISSPELLINGS)
    .run(async ({ assert }, { text }) => {
      const { engine, requests } = setup([
        { method: 'POST', path: '/:index/_search', reply: () => ({ hits: { hits: [] } }) },
      ])
      await engine.query({ organizationId: ORG, text, types: ['contacts.contact'], limit: 10 })

      const [exact, fuzzy, prefix] = requests[0].body.query.bool.should
      assert.deepEqual(requests[0].body.query.bool.filter, [
        { term: { organization_id: ORG } },
        { terms: { type: ['contacts.contact'] } },
      ])
      assert.deepEqual(exact.constant_score.filter.multi_match, {
        query: text,
        fields: FIELDS,
        type: 'best_fields',
        operator: 'and',
      })
      assert.isAbove(exact.constant_score.boost, 10)
      assert.deepEqual(
        fuzzy.bool.must.map((clause: any) => clause.multi_match),
        text.split(/\s+/).map((word) => ({
          query: word,
          fields: FIELDS,
          operator: 'and',
          fuzziness: 'AUTO',
          zero_terms_query: 'all',
        }))
      )
      assert.equal(prefix.multi_match.type, 'bool_prefix')
    })

  test('the name, the city and the identifiers are also indexed unstemmed, for typos', ({
    assert,
  }) => {
    for (const field of ['title', 'subtitle', 'keywords']) {
      assert.deepEqual((INDEX_MAPPINGS.properties![field] as any).fields, {
        folded: { type: 'text', analyzer: 'folded' },
      })
    }
  })

  test('a query without types asks nothing', async ({ assert }) => {
    const { engine, requests } = setup([])
    assert.deepEqual(
      await engine.query({ organizationId: ORG, text: 'x', types: [], limit: 5 }),
      []
    )
    assert.lengthOf(requests, 0)
  })

  test('the first write creates the index behind its alias with strict french mappings, then bulk-indexes', async ({
    assert,
  }) => {
    const { engine, requests } = setup([aliasMissing, notRebuilding, createIndex, bulkOk])

    await engine.upsert([searchDocument('c1'), searchDocument('c2', OTHER_ORG)])
    await engine.upsert([searchDocument('c3')])

    assert.deepEqual(
      requests.map((request) => `${request.method} ${request.path}`),
      [
        `HEAD /_alias/${ALIAS}`,
        `PUT /${ALIAS}-initial`,
        `GET /_alias/${REBUILDING}`,
        'POST /_bulk',
        `GET /_alias/${REBUILDING}`,
        'POST /_bulk',
      ]
    )
    assert.deepEqual(requests[1].body, {
      settings: INDEX_SETTINGS,
      mappings: INDEX_MAPPINGS,
      aliases: { [ALIAS]: { is_write_index: true } },
    })
    assert.equal(INDEX_MAPPINGS.dynamic, 'strict')
    assert.deepEqual(INDEX_MAPPINGS.properties!.organization_id, { type: 'keyword' })

    const bulk = requests[3].body
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
    assert.deepEqual(bulk[2], {
      index: { _index: ALIAS, _id: `${OTHER_ORG}:c2`, routing: OTHER_ORG },
    })
    assert.equal(bulk[3].organization_id, OTHER_ORG)
    // Only an organisation rebuild sets the generation.
    assert.deepEqual(
      Object.keys(bulk[3]).sort(),
      Object.keys(INDEX_MAPPINGS.properties!)
        .filter((field) => field !== 'generation')
        .sort()
    )
  })

  test('two processes racing to create the first index both succeed; other refusals are errors', async ({
    assert,
  }) => {
    const raced = setup([
      aliasMissing,
      notRebuilding,
      {
        method: 'PUT',
        path: '/:index',
        reply: () => responseError(400, 'resource_already_exists_exception'),
      },
      bulkOk,
    ])
    await raced.engine.upsert([searchDocument('c1')])
    assert.equal(raced.requests.at(-1)!.path, '/_bulk')

    const refused = setup([
      aliasMissing,
      notRebuilding,
      {
        method: 'PUT',
        path: '/:index',
        reply: () => responseError(400, 'mapper_parsing_exception'),
      },
      bulkOk,
    ])
    await assert.rejects(() => refused.engine.upsert([searchDocument('c1')]))
    assert.notInclude(
      refused.requests.map((request) => request.path),
      '/_bulk'
    )
  })

  test('a refused document fails the write', async ({ assert }) => {
    const { engine } = setup([
      aliasExists,
      notRebuilding,
      {
        method: 'POST',
        path: '/_bulk',
        reply: () => ({
          errors: true,
          took: 1,
          items: [
            {
              index: {
                _index: ALIAS,
                _id: 'x',
                status: 400,
                error: { type: 'strict_dynamic_mapping_exception' },
              },
            },
          ],
        }),
      },
    ])
    await assert.rejects(
      () => engine.upsert([searchDocument('c1')]),
      /strict_dynamic_mapping_exception/
    )
  })

  test("removal deletes the organisation's documents by id and ignores records never indexed", async ({
    assert,
  }) => {
    const { engine, requests } = setup([
      aliasExists,
      notRebuilding,
      {
        method: 'POST',
        path: '/_bulk',
        reply: () => ({
          errors: true,
          took: 1,
          items: [
            { delete: { _index: ALIAS, _id: `${ORG}:gone`, status: 404, result: 'not_found' } },
          ],
        }),
      },
    ])
    await engine.remove(ORG, 'contacts.contact', ['gone'])
    assert.deepEqual(requests.at(-1)!.body, [
      { delete: { _index: ALIAS, _id: `${ORG}:gone`, routing: ORG } },
    ])
  })

  test('rebuilding one organisation marks its documents, refills them, then deletes only the ones still marked', async ({
    assert,
  }) => {
    const { engine, requests } = setup([
      aliasExists,
      notRebuilding,
      bulkOk,
      refreshOk,
      { method: 'PUT', path: '/:index/_mapping', reply: () => ({ acknowledged: true }) },
      {
        method: 'POST',
        path: '/:index/_update_by_query',
        reply: () => ({ updated: 3, failures: [] }),
      },
      {
        method: 'POST',
        path: '/:index/_delete_by_query',
        reply: () => ({ deleted: 1, failures: [] }),
      },
    ])

    const count = await engine.rebuild(
      'contacts.contact',
      each([searchDocument('c1'), searchDocument('c2')]),
      ORG
    )

    assert.equal(count, 2)
    assert.deepEqual(
      requests.map((request) => `${request.method} ${request.path}`),
      [
        `HEAD /_alias/${ALIAS}`,
        `PUT /${ALIAS}/_mapping`,
        `POST /${ALIAS}/_update_by_query`,
        `GET /_alias/${REBUILDING}`,
        'POST /_bulk',
        `GET /${ALIAS}/_refresh`,
        `POST /${ALIAS}/_delete_by_query`,
      ]
    )
    assert.deepEqual(requests[1].body, { properties: { generation: { type: 'keyword' } } })
    const [mark, fill, sweep] = [requests[2], requests[4], requests[6]]
    const generation = mark.body.script.params.generation
    assert.match(generation, /^[0-9a-f-]{36}$/)
    assert.deepEqual(mark.querystring, { routing: ORG })
    assert.deepEqual(mark.body, {
      conflicts: 'proceed',
      query: { bool: { filter: [{ term: { organization_id: ORG } }] } },
      script: { source: 'ctx._source.generation = params.generation', params: { generation } },
    })
    // The fill writes whole documents without a generation, which clears the mark of every current one.
    assert.deepEqual(
      fill.body.filter((_: unknown, index: number) => index % 2 === 0),
      [
        { index: { _index: ALIAS, _id: `${ORG}:c1`, routing: ORG } },
        { index: { _index: ALIAS, _id: `${ORG}:c2`, routing: ORG } },
      ]
    )
    assert.notProperty(fill.body[1], 'generation')
    assert.deepEqual(sweep.querystring, { routing: ORG, conflicts: 'proceed', refresh: 'true' })
    assert.deepEqual(sweep.body, {
      query: { bool: { filter: [{ term: { organization_id: ORG } }, { term: { generation } }] } },
    })
    assert.lengthOf(
      requests.filter((request) => request.path.endsWith('_delete_by_query')),
      1
    )
  })

  test('during an organisation rebuild its results stay; stale ones go after the fill, live writes stay', async ({
    assert,
  }) => {
    const cluster = clusterWith([
      titled('c1', 'Ancien nom'),
      titled('stale', 'Supprimé'),
      titled('o1', 'Voisin', OTHER_ORG),
    ])
    const rebuilder = cluster.process()
    const worker = cluster.process()
    let duringFill: Record<string, string> = {}

    const count = await rebuilder.rebuild(
      'contacts.contact',
      reading([titled('c1', 'Nouveau nom'), titled('c2', 'Créé')], async () => {
        duringFill = titles(cluster)
        // A contact created after the fill read past it: only its live write indexes it.
        await worker.upsert([titled('c3', 'Créé pendant la reconstruction')])
      }),
      ORG
    )

    assert.equal(count, 2)
    assert.deepEqual(duringFill, {
      [`${ORG}:c1`]: 'Ancien nom',
      [`${ORG}:stale`]: 'Supprimé',
      [`${OTHER_ORG}:o1`]: 'Voisin',
    })
    assert.deepEqual(titles(cluster), {
      [`${ORG}:c1`]: 'Nouveau nom',
      [`${ORG}:c2`]: 'Créé',
      [`${ORG}:c3`]: 'Créé pendant la reconstruction',
      [`${OTHER_ORG}:o1`]: 'Voisin',
    })
    assert.isUndefined(cluster.documents(ALIAS)[`${ORG}:c1`].generation)
    const paths = cluster.requests.map((request) => request.path)
    assert.isBelow(paths.indexOf('/_bulk'), paths.indexOf(`/${ALIAS}/_delete_by_query`))
  })

  test('a full rebuild fills a new index marked as rebuilding, then swaps the alias to it and drops the old one', async ({
    assert,
  }) => {
    const { engine, requests } = setup([
      notRebuilding,
      aliasExists,
      createIndex,
      bulkOk,
      refreshOk,
      {
        method: 'GET',
        path: `/_alias/${ALIAS}`,
        reply: () => ({ [`${ALIAS}-initial`]: { aliases: { [ALIAS]: {} } } }),
      },
      { method: 'POST', path: '/_aliases', reply: () => ({ acknowledged: true }) },
      { method: 'PUT', path: '/:index/_settings', reply: () => ({ acknowledged: true }) },
      { method: 'DELETE', path: '/:index', reply: () => ({ acknowledged: true }) },
    ])

    const count = await engine.rebuild(
      'contacts.contact',
      each([searchDocument('c1'), searchDocument('c2', OTHER_ORG)])
    )

    assert.equal(count, 2)
    const created = requests[1].path.slice(1)
    assert.match(created, /^ia-search-contacts\.contact-\d+$/)
    assert.deepEqual(
      requests.map((request) => `${request.method} ${request.path}`),
      [
        `GET /_alias/${REBUILDING}`,
        `PUT /${created}`,
        'POST /_bulk',
        `GET /${created}/_refresh`,
        `HEAD /_alias/${ALIAS}`,
        `GET /_alias/${ALIAS}`,
        'POST /_aliases',
        `PUT /${created}/_settings`,
        `DELETE /${ALIAS}-initial`,
      ]
    )
    assert.deepEqual(requests[1].body, {
      settings: { ...INDEX_SETTINGS, gc_deletes: '1h' },
      mappings: INDEX_MAPPINGS,
      aliases: { [REBUILDING]: { is_write_index: true } },
    })
    const filled = { version: 1, version_type: 'external' }
    assert.deepEqual(requests[2].body[0], {
      index: { _index: created, _id: `${ORG}:c1`, routing: ORG, ...filled },
    })
    assert.deepEqual(requests[2].body[2], {
      index: { _index: created, _id: `${OTHER_ORG}:c2`, routing: OTHER_ORG, ...filled },
    })
    assert.deepEqual(requests[6].body, {
      actions: [
        { remove: { index: `${ALIAS}-initial`, alias: ALIAS } },
        { add: { index: created, alias: ALIAS, is_write_index: true } },
        { remove: { index: created, alias: REBUILDING } },
      ],
    })
    assert.deepEqual(requests[7].body, { gc_deletes: '60s' })
  })

  test('writes from other processes between the fill and the swap are in the swapped-in index', async ({
    assert,
  }) => {
    const cluster = clusterWith([titled('c1', 'Ancien nom'), titled('c2', 'Archivé bientôt')])
    const web = cluster.process()
    const worker = cluster.process()
    let raced = false
    // The rebuild runs in the ace process; just before it swaps the alias, the web and worker processes write.
    const ace = cluster.process(async ({ method, path }) => {
      if (method !== 'POST' || path !== '/_aliases' || raced) return
      raced = true
      await web.upsert([titled('c1', 'Nouveau nom'), titled('c3', 'Créé')])
      await worker.remove(ORG, 'contacts.contact', ['c2'])
    })

    const count = await ace.rebuild(
      'contacts.contact',
      each([titled('c1', 'Ancien nom'), titled('c2', 'Archivé bientôt')])
    )

    assert.isTrue(raced)
    assert.equal(count, 2)
    const [live] = cluster.behind(ALIAS)
    assert.match(live, /^ia-search-contacts\.contact-\d+$/)
    assert.deepEqual(titles(cluster), { [`${ORG}:c1`]: 'Nouveau nom', [`${ORG}:c3`]: 'Créé' })
    assert.deepEqual([...cluster.indices.keys()], [live])
    assert.deepEqual(cluster.behind(REBUILDING), [])
    assert.deepEqual(cluster.autoCreated, [])
    assert.equal(cluster.indices.get(live)!.settings.gc_deletes, '60s')

    // Once swapped in, writes go through the alias alone.
    await web.upsert([titled('c4', 'Après')])
    assert.equal(titles(cluster)[`${ORG}:c4`], 'Après')
    assert.deepEqual(
      cluster.requests
        .at(-1)!
        .body.map((line: any) => line.index?._index)
        .filter(Boolean),
      [ALIAS]
    )
  })

  test('what the fill read before a live change or removal does not undo it', async ({
    assert,
  }) => {
    const cluster = clusterWith([titled('c1', 'Ancien nom'), titled('c2', 'Archivé bientôt')])
    const worker = cluster.process()
    const ace = cluster.process()

    // The fill read c1 and c2, then the worker wrote both changes before the fill's batch was written.
    await ace.rebuild(
      'contacts.contact',
      reading([titled('c1', 'Ancien nom'), titled('c2', 'Archivé bientôt')], async () => {
        await worker.upsert([titled('c1', 'Nouveau nom')])
        await worker.remove(ORG, 'contacts.contact', ['c2'])
      })
    )

    assert.deepEqual(titles(cluster), { [`${ORG}:c1`]: 'Nouveau nom' })
    assert.deepEqual(cluster.autoCreated, [])
  })

  test('a failed fill drops its index, so writers stop copying into it; a second rebuild waits for the first', async ({
    assert,
  }) => {
    const cluster = clusterWith([titled('c1', 'Nom')])
    const ace = cluster.process()
    async function* failing() {
      yield titled('c1', 'Nom')
      throw new Error('database gone')
    }

    await assert.rejects(() => ace.rebuild('contacts.contact', failing()), 'database gone')
    assert.deepEqual([...cluster.indices.keys()], [`${ALIAS}-initial`])
    await cluster.process().upsert([titled('c2', 'Créé')])
    assert.deepEqual(cluster.behind(ALIAS), [`${ALIAS}-initial`])
    assert.deepEqual(cluster.autoCreated, [])

    cluster.create(`${ALIAS}-1`, {
      settings: INDEX_SETTINGS,
      mappings: INDEX_MAPPINGS,
      aliases: { [REBUILDING]: { is_write_index: true } },
    })
    await assert.rejects(
      () => ace.rebuild('contacts.contact', each([])),
      /already filling ia-search-contacts\.contact-1/
    )
  })

  test(
    'a number typed as "{$self}" finds its contact once read as the organisation\'s phone number'
  )
    .with([
      '0810001014',
      '810001014',
      '081 000 1014',
      '+243810001014',
      '+243 810 001 014',
      '0810 00',
    ])
    .run(async ({ assert }, typed) => {
      const cluster = new FakeCluster()
      const engine = cluster.process()
      await engine.upsert([
        { ...titled('c1', 'Pharmacie Espoir'), keywords: phoneSearchKeywords('+243810001014') },
        { ...titled('c2', 'Garage Mwangaza'), keywords: phoneSearchKeywords('+243991234567') },
      ])
      const found = async (text: string) =>
        (
          await engine.query({ organizationId: ORG, text, types: ['contacts.contact'], limit: 10 })
        ).map((hit) => hit.recordId)
      assert.deepEqual(await found(phoneSearchText(typed, 'CD')!), ['c1'])
    })

  test('without the phone normaliser, a spaced national number would find nothing', async ({
    assert,
  }) => {
    const cluster = new FakeCluster()
    const engine = cluster.process()
    await engine.upsert([
      { ...titled('c1', 'Pharmacie Espoir'), keywords: phoneSearchKeywords('+243810001014') },
    ])
    assert.deepEqual(
      await engine.query({
        organizationId: ORG,
        text: '081 000 1014',
        types: ['contacts.contact'],
        limit: 10,
      }),
      []
    )
  })
})
