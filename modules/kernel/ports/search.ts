import type { Permission } from './authorization.ts'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** What a module gives the search index about one of its records. */
export type SearchDocumentInput = {
  /** What the result shows first, e.g. the contact's name. */
  title: string
  /** A second line, e.g. the city and the email. */
  subtitle?: string | null
  /** Longer text that is searched but not shown. */
  body?: string | null
  /** The shell route that opens the record, e.g. `/contacts/<id>`. */
  url: string
  /** Identifiers and tags searched like the title (phone, tax number...). */
  keywords?: string[]
}

/** A kind of record a module makes searchable. */
export type SearchType = {
  /** `<module>.<record>`, e.g. `contacts.contact`. */
  type: string
  /** The module that owns the records: its results appear only while it is enabled. */
  moduleId: string
  /** The permission a member needs to see these results (`<module>.<resource>.read`). */
  permission?: Permission
  /** Every searchable record of one organisation, read inside that organisation's tenant context. */
  /** The records to index; read them through `client` when one is given (the caller's transaction). */
  reindex(
    organizationId: string,
    client?: QueryClientContract
  ): AsyncIterable<{ id: string } & SearchDocumentInput>
}

/** One search result as modules and the API see it. */
export type SearchResult = {
  type: string
  moduleId: string
  id: string
  title: string
  subtitle: string | null
  url: string
}

/** Narrows a search: only these types, at most `limit` results (default 20, at most 50). */
export type SearchOptions = { types?: string[]; limit?: number }

/** Global search over one organisation's records of the types its enabled modules own. */
export interface SearchIndex {
  /** Makes a record type searchable (from a provider's start()). */
  registerType(definition: SearchType): void
  /** Adds or replaces one record's document (in the caller's transaction when given). */
  index(
    organizationId: string,
    type: string,
    id: string,
    input: SearchDocumentInput,
    options?: { client?: QueryClientContract }
  ): Promise<void>
  /** Removes one record's document. */
  remove(
    organizationId: string,
    type: string,
    id: string,
    options?: { client?: QueryClientContract }
  ): Promise<void>
  /** The organisation's results for `q`. */
  query(organizationId: string, q: string, options?: SearchOptions): Promise<SearchResult[]>
  /** Rebuilds the index of one type, one organisation, or everything; resolves to the count per type. */
  rebuild(options?: {
    type?: string
    organizationId?: string
    client?: QueryClientContract
  }): Promise<{ type: string; count: number }[]>
}
