import { randomUUID } from 'node:crypto'
import { errors, type Client, type estypes } from '@elastic/elasticsearch'
import type { EngineQuery, SearchDocument, SearchEngine, SearchHit } from './search_engine.ts'

const BATCH = 500

/**
 * Versions inside an index that a full rebuild is filling: the fill writes what it read as version 1
 * (`external`), live writes use version 2 (`external_gte`). A document the fill read before a live
 * change or removal is then refused instead of undoing it; removals leave a version 2 tombstone.
 */
const FILLED_VERSION = 1
const LIVE_VERSION = 2
/** How long an index being filled remembers removals: longer than any batch takes from read to write. */
const FILLING_GC_DELETES = '1h'
const DEFAULT_GC_DELETES = '60s'

/** The stored shape of a document (snake_case, like the PostgreSQL table). */
type StoredDocument = {
  organization_id: string
  type: string
  record_id: string
  title: string
  subtitle: string | null
  body: string | null
  keywords: string[]
  url: string
  updated_at: string
  /** Set only by an organisation rebuild that found the document; any later write clears it. */
  generation?: string
}

const FRENCH_TEXT: estypes.MappingTextProperty = { type: 'text', analyzer: 'folded_french' }
/** French text also kept unstemmed, so a typo is measured against the word as written, not its stem. */
const FRENCH_AND_FOLDED_TEXT: estypes.MappingTextProperty = {
  ...FRENCH_TEXT,
  fields: { folded: { type: 'text', analyzer: 'folded' } },
}

/** The searched fields and their weights: the title first, then identifiers, city and email, then the rest. */
const QUERY_FIELDS = [
  'title^3',
  'title.folded^3',
  'keywords^2',
  'keywords.folded^2',
  'subtitle^2',
  'subtitle.folded^2',
  'body',
]
/**
 * The score of a document where every word is found as typed: far above what BM25 gives a
 * near-miss on these short documents, so exact matches rank first.
 */
const EXACT_MATCH_SCORE = 100
/** Words of a query searched at most, as on PostgreSQL. */
const MAX_QUERY_WORDS = 12

/** French analysis on accent-folded text, so `societe` finds `Société` and `minier` finds `Minière`. */
export const INDEX_SETTINGS: estypes.IndicesIndexSettings = {
  analysis: {
    filter: {
      french_elision: {
        type: 'elision',
        articles_case: true,
        articles: [
          'l',
          'm',
          't',
          'qu',
          'n',
          's',
          'j',
          'd',
          'c',
          'jusqu',
          'quoiqu',
          'lorsqu',
          'puisqu',
        ],
      },
      french_stop: { type: 'stop', stopwords: '_french_' },
      french_stemmer: { type: 'stemmer', language: 'light_french' },
    },
    analyzer: {
      folded_french: {
        type: 'custom',
        tokenizer: 'standard',
        filter: ['french_elision', 'lowercase', 'asciifolding', 'french_stop', 'french_stemmer'],
      },
      folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
    },
  },
}

/** Strict mappings: a document with an unexpected field is refused instead of widening the index. */
export const INDEX_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    organization_id: { type: 'keyword' },
    type: { type: 'keyword' },
    record_id: { type: 'keyword' },
    title: FRENCH_AND_FOLDED_TEXT,
    subtitle: FRENCH_AND_FOLDED_TEXT,
    body: FRENCH_TEXT,
    keywords: FRENCH_AND_FOLDED_TEXT,
    url: { type: 'keyword', index: false },
    updated_at: { type: 'date' },
    generation: { type: 'keyword' },
  },
}

function stored(document: SearchDocument): StoredDocument {
  return {
    organization_id: document.organizationId,
    type: document.type,
    record_id: document.recordId,
    title: document.title,
    subtitle: document.subtitle,
    body: document.body,
    keywords: document.keywords,
    url: document.url,
    updated_at: new Date().toISOString(),
  }
}

/** One bulk action, its document for writes, and the HTTP statuses that are not failures for it. */
type Operation = {
  action: estypes.BulkOperationContainer
  source?: StoredDocument
  tolerated: number[]
}

/**
 * The production engine: one Elasticsearch index per record type, reached through an alias so that
 * a rebuild fills a new index and swaps it in at once. Every document carries its organisation id
 * (also its routing key and part of its id) and every query filters on it.
 *
 * A full rebuild runs in the ace process while the web and worker processes keep writing, so its
 * state lives in Elasticsearch, not in memory: the index being filled carries the alias
 * `<alias>-rebuilding` from its creation until the swap removes it in the same atomic alias update.
 * Every upsert and removal looks that alias up and, while it exists, applies itself to that index
 * too. A writer that did not see it had read its record before the index existed, so the fill (which
 * reads the database afterwards) reads that change or a later one. Versions (see `FILLED_VERSION`)
 * keep the fill from overwriting a live write that reached the new index first.
 */
export class ElasticsearchSearchEngine implements SearchEngine {
  readonly name = 'elasticsearch' as const
  readonly #ready = new Set<string>()

  constructor(
    private readonly client: Client,
    private readonly indexPrefix: string
  ) {}

  /** The alias searches and writes go through for a record type, e.g. `ia-search-contacts.contact`. */
  alias(type: string) {
    return `${this.indexPrefix}-search-${type}`.toLowerCase()
  }

  /** The alias that marks the index a full rebuild of a type is filling (type names have no `-`). */
  rebuildingAlias(type: string) {
    return `${this.alias(type)}-rebuilding`
  }

  /** The document id: the organisation is part of it, so two organisations never share one. */
  documentId(organizationId: string, recordId: string) {
    return `${organizationId}:${recordId}`
  }

  async upsert(documents: SearchDocument[]) {
    for (const type of new Set(documents.map((document) => document.type))) {
      await this.#upsertOfType(
        type,
        documents.filter((document) => document.type === type)
      )
    }
  }

  async remove(organizationId: string, type: string, recordIds: string[]) {
    if (!recordIds.length) return
    await this.#ensureIndex(type)
    const filling = await this.#indicesBeingFilled(type)
    const removal = (index: string, recordId: string, live: boolean): Operation => ({
      action: {
        delete: {
          _index: index,
          _id: this.documentId(organizationId, recordId),
          routing: organizationId,
          ...(live ? { version: LIVE_VERSION, version_type: 'external_gte' as const } : {}),
        },
      },
      // Removing a record that was never indexed is not an error; nor is a newer write in a filled index.
      tolerated: live ? [404, 409] : [404],
    })
    await this.#bulk(
      recordIds.flatMap((recordId) => [
        removal(this.alias(type), recordId, false),
        ...filling.map((index) => removal(index, recordId, true)),
      ])
    )
  }

  async query({ organizationId, text, types, limit }: EngineQuery): Promise<SearchHit[]> {
    if (!types.length) return []
    const words = text.split(/\s+/).filter(Boolean).slice(0, MAX_QUERY_WORDS)
    const response = await this.client.search<StoredDocument>({
      index: types.map((type) => this.alias(type)),
      ignore_unavailable: true,
      allow_no_indices: true,
      routing: organizationId,
      size: limit,
      _source: ['type', 'record_id', 'title', 'subtitle', 'url'],
      query: {
        bool: {
          filter: [{ term: { organization_id: organizationId } }, { terms: { type: types } }],
          should: [
            {
              constant_score: {
                filter: {
                  multi_match: {
                    query: text,
                    fields: QUERY_FIELDS,
                    type: 'best_fields',
                    operator: 'and',
                  },
                },
                boost: EXACT_MATCH_SCORE,
              },
            },
            {
              bool: {
                // Each word in any field, spelt right or within AUTO's edits (a swap counts as one);
                // a stopword (`du`) asks nothing instead of refusing every document...
                must: words.map((word) => ({
                  multi_match: {
                    query: word,
                    fields: QUERY_FIELDS,
                    operator: 'and' as const,
                    fuzziness: 'AUTO',
                    zero_terms_query: 'all' as const,
                  },
                })),
                // ...but a query of stopwords alone finds nothing, as on PostgreSQL.
                filter: [{ multi_match: { query: text, fields: QUERY_FIELDS, fuzziness: 'AUTO' } }],
              },
            },
            {
              multi_match: {
                query: text,
                fields: QUERY_FIELDS,
                type: 'bool_prefix',
                operator: 'and',
              },
            },
          ],
          minimum_should_match: 1,
        },
      },
    })
    return response.hits.hits
      .filter((hit) => hit._source)
      .map((hit) => ({
        type: hit._source!.type,
        recordId: hit._source!.record_id,
        title: hit._source!.title,
        subtitle: hit._source!.subtitle ?? null,
        url: hit._source!.url,
        score: hit._score ?? 0,
      }))
  }

  async rebuild(type: string, documents: AsyncIterable<SearchDocument>, organizationId?: string) {
    if (organizationId) return this.#rebuildOrganization(type, organizationId, documents)

    const alias = this.alias(type)
    const running = await this.#indicesBeingFilled(type)
    if (running.length) {
      throw new Error(
        `A rebuild of "${type}" is already filling ${running.join(', ')}; wait for it, or delete that index if its rebuild died`
      )
    }
    const index = `${alias}-${Date.now()}`
    // `is_write_index` also makes a second concurrent rebuild's creation fail: an alias has one write index.
    await this.client.indices.create({
      index,
      settings: { ...INDEX_SETTINGS, gc_deletes: FILLING_GC_DELETES },
      mappings: INDEX_MAPPINGS,
      aliases: { [this.rebuildingAlias(type)]: { is_write_index: true } },
    })
    let count: number
    try {
      count = await this.#fill(documents, (batch) =>
        this.#bulk(
          batch.map((document) =>
            this.#indexing(document, index, { version: FILLED_VERSION, version_type: 'external' })
          )
        )
      )
      await this.client.indices.refresh({ index })
    } catch (error) {
      // Dropping the unfinished index drops its marker, so writers stop copying into it.
      await this.client.indices.delete({ index }, { ignore: [404] }).catch(() => {})
      throw error
    }
    const previous = (await this.client.indices.existsAlias({ name: alias }))
      ? Object.keys(await this.client.indices.getAlias({ name: alias }))
      : []
    await this.client.indices.updateAliases({
      actions: [
        ...previous.map((old) => ({ remove: { index: old, alias } })),
        { add: { index, alias, is_write_index: true } },
        { remove: { index, alias: this.rebuildingAlias(type) } },
      ],
    })
    await this.client.indices.putSettings({ index, settings: { gc_deletes: DEFAULT_GC_DELETES } })
    if (previous.length) await this.client.indices.delete({ index: previous })
    this.#ready.add(type)
    return count
  }

  /**
   * Mark, refill, sweep: the organisation's documents are marked with this rebuild's generation, the
   * fill rewrites the current ones (a write replaces the whole document, clearing the mark), then the
   * documents still marked are deleted. Its results never go empty, and a document written live during
   * the rebuild loses its mark too, so a record created after the fill passed it is kept.
   */
  async #rebuildOrganization(
    type: string,
    organizationId: string,
    documents: AsyncIterable<SearchDocument>
  ) {
    const alias = this.alias(type)
    const generation = randomUUID()
    const ofOrganization = { term: { organization_id: organizationId } }
    await this.#ensureIndex(type)
    // An index created before documents had a generation learns the field (strict mappings refuse unknown ones).
    await this.client.indices.putMapping({
      index: alias,
      properties: { generation: INDEX_MAPPINGS.properties!.generation },
    })
    await this.client.updateByQuery({
      index: alias,
      routing: organizationId,
      conflicts: 'proceed',
      query: { bool: { filter: [ofOrganization] } },
      script: { source: 'ctx._source.generation = params.generation', params: { generation } },
    })
    // Written like live changes, so a full rebuild of the type running meanwhile receives them too.
    const count = await this.#fill(documents, (batch) => this.#upsertOfType(type, batch))
    await this.client.indices.refresh({ index: alias })
    await this.client.deleteByQuery({
      index: alias,
      routing: organizationId,
      conflicts: 'proceed',
      refresh: true,
      query: { bool: { filter: [ofOrganization, { term: { generation } }] } },
    })
    return count
  }

  /** Writes documents of one type through its alias, and into the index a full rebuild is filling. */
  async #upsertOfType(type: string, documents: SearchDocument[]) {
    if (!documents.length) return
    await this.#ensureIndex(type)
    const filling = await this.#indicesBeingFilled(type)
    const live = { version: LIVE_VERSION, version_type: 'external_gte' as const }
    await this.#bulk(
      documents.flatMap((document) => [
        this.#indexing(document, this.alias(type)),
        ...filling.map((index) => this.#indexing(document, index, live)),
      ])
    )
  }

  /** The index a full rebuild of the type is filling, as every process sees it (none most of the time). */
  async #indicesBeingFilled(type: string): Promise<string[]> {
    const response = await this.client.indices.getAlias(
      { name: this.rebuildingAlias(type) },
      { ignore: [404], meta: true }
    )
    return response.statusCode === 404 ? [] : Object.keys(response.body)
  }

  /** Creates the first index of a type behind its alias, once per process. */
  async #ensureIndex(type: string) {
    if (this.#ready.has(type)) return
    const alias = this.alias(type)
    if (!(await this.client.indices.existsAlias({ name: alias }))) {
      // A fixed name: when two processes race to create it, the loser gets resource_already_exists.
      await this.client.indices
        .create({
          index: `${alias}-initial`,
          settings: INDEX_SETTINGS,
          mappings: INDEX_MAPPINGS,
          aliases: { [alias]: { is_write_index: true } },
        })
        .catch((error) => {
          const exists =
            error instanceof errors.ResponseError &&
            error.body?.error?.type === 'resource_already_exists_exception'
          if (!exists) throw error
        })
    }
    this.#ready.add(type)
  }

  async #fill(
    documents: AsyncIterable<SearchDocument>,
    write: (batch: SearchDocument[]) => Promise<void>
  ) {
    let batch: SearchDocument[] = []
    let count = 0
    for await (const document of documents) {
      batch.push(document)
      count += 1
      if (batch.length === BATCH) {
        await write(batch)
        batch = []
      }
    }
    if (batch.length) await write(batch)
    return count
  }

  /** Indexes a document; a versioned write may lose to a newer version, which is not a failure. */
  #indexing(
    document: SearchDocument,
    index: string,
    version?: Pick<estypes.BulkIndexOperation, 'version' | 'version_type'>
  ): Operation {
    return {
      action: {
        index: {
          _index: index,
          _id: this.documentId(document.organizationId, document.recordId),
          routing: document.organizationId,
          ...version,
        },
      },
      source: stored(document),
      tolerated: version ? [409] : [],
    }
  }

  async #bulk(operations: Operation[]) {
    if (!operations.length) return
    const response = await this.client.bulk({
      operations: operations.flatMap((operation) =>
        operation.source ? [operation.action, operation.source] : [operation.action]
      ),
    })
    if (!response.errors) return
    const failed = response.items
      .map((item, position) => ({
        result: item.index ?? item.delete,
        tolerated: operations[position].tolerated,
      }))
      .find(({ result, tolerated }) => result?.error && !tolerated.includes(result.status))
    if (failed)
      throw new Error(`Elasticsearch refused a write: ${JSON.stringify(failed.result?.error)}`)
  }
}
