import { errors, type Client, type estypes } from '@elastic/elasticsearch'
import type { EngineQuery, SearchDocument, SearchEngine, SearchHit } from './search_engine.ts'

const BATCH = 500

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
}

const FRENCH_TEXT: estypes.MappingTextProperty = { type: 'text', analyzer: 'folded_french' }

/** French analysis on accent-folded text, so `societe` finds `Société` and `minier` finds `Minière`. */
export const INDEX_SETTINGS: estypes.IndicesIndexSettings = {
  analysis: {
    filter: {
      french_elision: {
        type: 'elision',
        articles_case: true,
        articles: ['l', 'm', 't', 'qu', 'n', 's', 'j', 'd', 'c', 'jusqu', 'quoiqu', 'lorsqu', 'puisqu'],
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
    title: { ...FRENCH_TEXT, fields: { folded: { type: 'text', analyzer: 'folded' } } },
    subtitle: FRENCH_TEXT,
    body: FRENCH_TEXT,
    keywords: FRENCH_TEXT,
    url: { type: 'keyword', index: false },
    updated_at: { type: 'date' },
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

/**
 * The production engine: one Elasticsearch index per record type, reached through an alias so that
 * a rebuild fills a new index and swaps it in at once. Every document carries its organisation id
 * (also its routing key and part of its id) and every query filters on it.
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

  /** The document id: the organisation is part of it, so two organisations never share one. */
  documentId(organizationId: string, recordId: string) {
    return `${organizationId}:${recordId}`
  }

  async upsert(documents: SearchDocument[]) {
    if (!documents.length) return
    for (const type of new Set(documents.map((document) => document.type))) await this.#ensureIndex(type)
    await this.#bulk(documents, (document) => this.alias(document.type))
  }

  async remove(organizationId: string, type: string, recordIds: string[]) {
    if (!recordIds.length) return
    await this.#ensureIndex(type)
    const response = await this.client.bulk({
      operations: recordIds.map((recordId) => ({
        delete: { _index: this.alias(type), _id: this.documentId(organizationId, recordId), routing: organizationId },
      })),
    })
    // Removing a record that was never indexed is not an error.
    const failed = response.items.find((item) => item.delete?.error && item.delete.status !== 404)
    if (failed) throw new Error(`Elasticsearch refused a removal: ${JSON.stringify(failed.delete?.error)}`)
  }

  async query({ organizationId, text, types, limit }: EngineQuery): Promise<SearchHit[]> {
    if (!types.length) return []
    const fields = ['title^3', 'title.folded^3', 'keywords^2', 'subtitle^2', 'body']
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
            { multi_match: { query: text, fields, type: 'best_fields', operator: 'and', fuzziness: 'AUTO' } },
            { multi_match: { query: text, fields, type: 'bool_prefix', operator: 'and' } },
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
    const alias = this.alias(type)
    if (organizationId) {
      await this.#ensureIndex(type)
      await this.client.deleteByQuery({
        index: alias,
        routing: organizationId,
        conflicts: 'proceed',
        refresh: true,
        query: { bool: { filter: [{ term: { organization_id: organizationId } }] } },
      })
      const count = await this.#fill(documents, alias)
      await this.client.indices.refresh({ index: alias })
      return count
    }

    const index = `${alias}-${Date.now()}`
    await this.client.indices.create({ index, settings: INDEX_SETTINGS, mappings: INDEX_MAPPINGS })
    const count = await this.#fill(documents, index)
    await this.client.indices.refresh({ index })
    const previous = (await this.client.indices.existsAlias({ name: alias }))
      ? Object.keys(await this.client.indices.getAlias({ name: alias }))
      : []
    await this.client.indices.updateAliases({
      actions: [
        ...previous.map((old) => ({ remove: { index: old, alias } })),
        { add: { index, alias, is_write_index: true } },
      ],
    })
    if (previous.length) await this.client.indices.delete({ index: previous })
    this.#ready.add(type)
    return count
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
          const exists = error instanceof errors.ResponseError && error.body?.error?.type === 'resource_already_exists_exception'
          if (!exists) throw error
        })
    }
    this.#ready.add(type)
  }

  async #fill(documents: AsyncIterable<SearchDocument>, index: string) {
    let batch: SearchDocument[] = []
    let count = 0
    for await (const document of documents) {
      batch.push(document)
      count += 1
      if (batch.length === BATCH) {
        await this.#bulk(batch, () => index)
        batch = []
      }
    }
    await this.#bulk(batch, () => index)
    return count
  }

  async #bulk(documents: SearchDocument[], indexOf: (document: SearchDocument) => string) {
    if (!documents.length) return
    const response = await this.client.bulk({
      operations: documents.flatMap((document) => [
        {
          index: {
            _index: indexOf(document),
            _id: this.documentId(document.organizationId, document.recordId),
            routing: document.organizationId,
          },
        },
        stored(document),
      ]),
    })
    if (response.errors) {
      const failed = response.items.find((item) => item.index?.error)
      throw new Error(`Elasticsearch refused a document: ${JSON.stringify(failed?.index?.error)}`)
    }
  }
}
