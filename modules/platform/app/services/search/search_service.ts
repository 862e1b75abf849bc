import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Client } from '@elastic/elasticsearch'
import {
  phoneSearchText,
  tenantContext,
  type SearchIndex,
  type SearchOptions,
  type SearchResult,
  type SearchType,
} from '@ia/kernel/contracts'
import { ElasticsearchSearchEngine } from './elasticsearch_search_engine.ts'
import { PostgresSearchEngine } from './postgres_search_engine.ts'
import type { SearchDocument, SearchDocumentInput, SearchEngine } from './search_engine.ts'
import { platformConfig } from '../platform_config.ts'
import { organizationDirectory } from '../../../contracts/organizations.ts'

const TYPE_NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/
const MAX_LIMIT = 50

function clip(value: string | null | undefined, length: number) {
  const text = value?.replace(/\s+/g, ' ').trim()
  return text ? text.slice(0, length) : null
}

/**
 * Global search: modules register their record types and keep their records indexed; a query only
 * ever sees one organisation's documents of the types its enabled modules own.
 */
export class SearchService implements SearchIndex {
  readonly #types = new Map<string, SearchType>()
  #engine: SearchEngine | null = null

  /** Makes a record type searchable; called from the owning module's provider. */
  registerType(definition: SearchType) {
    if (
      !TYPE_NAME.test(definition.type) ||
      !definition.type.startsWith(`${definition.moduleId}.`)
    ) {
      throw new Error(
        `Search type "${definition.type}" must be named "<module>.<record>" after module "${definition.moduleId}"`
      )
    }
    const known = this.#types.get(definition.type)
    if (known && known !== definition)
      throw new Error(`Search type "${definition.type}" is already registered`)
    this.#types.set(definition.type, definition)
  }

  /** The registered record types. */
  types(): SearchType[] {
    return [...this.#types.values()]
  }

  /** The engine chosen by configuration: Elasticsearch when ELASTICSEARCH_URL is set, PostgreSQL otherwise. */
  engine(): SearchEngine {
    if (!this.#engine) {
      const settings = platformConfig.search.elasticsearch
      this.#engine = settings
        ? new ElasticsearchSearchEngine(new Client({ node: settings.url }), settings.indexPrefix)
        : new PostgresSearchEngine()
    }
    return this.#engine
  }

  /** Adds or refreshes one record of an organisation in the index. */
  async index(
    organizationId: string,
    type: string,
    id: string,
    input: SearchDocumentInput,
    options: { client?: QueryClientContract } = {}
  ) {
    await this.engine().upsert(
      [this.#document(organizationId, this.#type(type), id, input)],
      options.client
    )
  }

  /** Takes one record of an organisation out of the index (an archived or deleted record). */
  async remove(
    organizationId: string,
    type: string,
    id: string,
    options: { client?: QueryClientContract } = {}
  ) {
    await this.engine().remove(organizationId, this.#type(type).type, [id], options.client)
  }

  /** Searches one organisation's records of the types its enabled modules own, best first. */
  async query(
    organizationId: string,
    q: string,
    options: SearchOptions = {}
  ): Promise<SearchResult[]> {
    const text = q.trim()
    if (!text) return []
    const registry = await app.container.make('platform.modules')
    const enabled = await registry.enabledIds(organizationId)
    const wanted = options.types ? new Set(options.types) : null
    const types = this.types().filter(
      (definition) => enabled.has(definition.moduleId) && (!wanted || wanted.has(definition.type))
    )
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), MAX_LIMIT)
    const hits = await this.engine().query({
      organizationId,
      text: await this.#searchText(organizationId, text),
      types: types.map((definition) => definition.type),
      limit,
    })
    return hits.map((hit) => ({
      type: hit.type,
      moduleId: this.#types.get(hit.type)!.moduleId,
      id: hit.recordId,
      title: hit.title,
      subtitle: hit.subtitle,
      url: hit.url,
    }))
  }

  /**
   * Rebuilds the index of some types (all by default) from their modules' records, for one
   * organisation or for every organisation that installed the module; answers the count per type.
   */
  async rebuild(
    options: { type?: string; organizationId?: string; client?: QueryClientContract } = {}
  ) {
    const definitions = options.type ? [this.#type(options.type)] : this.types()
    const counts: { type: string; count: number }[] = []
    for (const definition of definitions) {
      const organizationIds = options.organizationId
        ? [options.organizationId]
        : await this.#organizationsWith(definition.moduleId, options.client)
      const documents = this.#documentsOf(definition, organizationIds, options.client)
      const count = await this.engine().rebuild(
        definition.type,
        documents,
        options.organizationId,
        options.client
      )
      counts.push({ type: definition.type, count })
    }
    return counts
  }

  /**
   * What the engines look for: the text as typed, except a phone number ("081 000 1014", "0810001014",
   * "+243810001014"), which is read in the organisation's country and looked for as the international
   * digits the documents index for it (see `phoneSearchKeywords`).
   */
  async #searchText(organizationId: string, text: string) {
    if (!/^[\d\s.\-()/+]+$/.test(text)) return text
    const { country } = (await organizationDirectory.find(organizationId))!
    return phoneSearchText(text, country) ?? text
  }

  #type(type: string) {
    const definition = this.#types.get(type)
    if (!definition) throw new Error(`Unknown search type "${type}"`)
    return definition
  }

  #document(
    organizationId: string,
    definition: SearchType,
    id: string,
    input: SearchDocumentInput
  ): SearchDocument {
    const title = clip(input.title, 300)
    if (!title) throw new Error(`A ${definition.type} search document needs a title`)
    if (!input.url.startsWith('/') || input.url.length > 500)
      throw new Error(`Search url "${input.url}" must be a shell route`)
    if (!id || id.length > 64)
      throw new Error(`Search record id "${id}" must have 1 to 64 characters`)
    return {
      organizationId,
      type: definition.type,
      recordId: id,
      title,
      subtitle: clip(input.subtitle, 300),
      body: clip(input.body, 20_000),
      url: input.url,
      keywords: (input.keywords ?? [])
        .map((keyword) => clip(keyword, 200))
        .filter((keyword): keyword is string => Boolean(keyword)),
    }
  }

  /** Organisations that installed a module (disabled ones too: their data and documents are kept). */
  async #organizationsWith(moduleId: string, client?: QueryClientContract): Promise<string[]> {
    const registry = await app.container.make('platform.modules')
    const runner = client ?? db
    const query = registry.catalog.find(moduleId)?.alwaysOn
      ? runner.from('platform.organizations').select('id as organization_id')
      : runner
          .from('platform.organization_modules')
          .where('module_id', moduleId)
          .select('organization_id')
    const rows: { organization_id: string }[] = await query.orderBy('organization_id')
    return rows.map((row) => row.organization_id)
  }

  async *#documentsOf(
    definition: SearchType,
    organizationIds: string[],
    client?: QueryClientContract
  ): AsyncGenerator<SearchDocument> {
    for (const organizationId of organizationIds) {
      // A generator runs in the context of whoever calls next(), so each step enters the tenant.
      const records = tenantContext.run(organizationId, () =>
        definition.reindex(organizationId, client)[Symbol.asyncIterator]()
      )
      while (true) {
        const step = await tenantContext.run(organizationId, () => records.next())
        if (step.done) break
        yield this.#document(organizationId, definition, step.value.id, step.value)
      }
    }
  }
}

let search!: SearchService
await app.booted(async () => {
  search = await app.container.make('platform.search')
})

/** The platform's search service: the `platform.search` container binding, resolved once the application has booted. */
export { search }
