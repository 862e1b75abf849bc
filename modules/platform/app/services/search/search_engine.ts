import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { SearchDocumentInput } from '@ia/kernel/contracts'

export type { SearchDocumentInput }

/** One record as an engine stores it: always tied to one organisation. */
export type SearchDocument = {
  organizationId: string
  type: string
  recordId: string
  title: string
  subtitle: string | null
  body: string | null
  url: string
  keywords: string[]
}

/** One match, best first. */
export type SearchHit = {
  type: string
  recordId: string
  title: string
  subtitle: string | null
  url: string
  score: number
}

/** What a search asks the engine: one organisation, some types, at most `limit` hits. */
export type EngineQuery = { organizationId: string; text: string; types: string[]; limit: number }

/**
 * A full-text search backend. Every method is scoped to one organisation (or, for a full rebuild,
 * to one type): an engine never returns a document of another organisation than the one asked.
 */
export interface SearchEngine {
  readonly name: 'postgres' | 'elasticsearch'
  /** Adds or replaces documents (keyed by organisation, type and record id). */
  upsert(documents: SearchDocument[], client?: QueryClientContract): Promise<void>
  /** Removes records of one organisation; unknown ids are ignored. */
  remove(
    organizationId: string,
    type: string,
    recordIds: string[],
    client?: QueryClientContract
  ): Promise<void>
  query(query: EngineQuery): Promise<SearchHit[]>
  /**
   * Replaces every document of `type` (of one organisation when `organizationId` is given) with
   * `documents`; answers how many were indexed.
   */
  rebuild(
    type: string,
    documents: AsyncIterable<SearchDocument>,
    organizationId?: string,
    client?: QueryClientContract
  ): Promise<number>
}
