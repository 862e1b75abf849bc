import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { EngineQuery, SearchDocument, SearchEngine, SearchHit } from './search_engine.ts'

const TABLE = 'platform.search_documents'
const BATCH = 500

/** The words of a query, unaccented and lower-cased: only letters and digits, at most 12 of them. */
function queryWords(text: string) {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu)
  return (words ?? []).slice(0, 12)
}

/**
 * The words of a query as a prefix tsquery (`societe:* & minier:*`): only letters and digits reach
 * to_tsquery, so no query text can change its syntax.
 */
export function prefixTsQuery(text: string) {
  return queryWords(text)
    .map((word) => `${word}:*`)
    .join(' & ')
}

/**
 * How many edits a word may be away from a document's word and still find it, as Elasticsearch's
 * `fuzziness: AUTO` counts: none up to 2 letters, 1 up to 5, 2 from 6 on (a swap of two letters is two).
 */
export function allowedEdits(word: string) {
  if (word.length <= 2) return 0
  return word.length <= 5 ? 1 : 2
}

/**
 * The lowest trigram word similarity a candidate needs. A swap in the middle of a six-letter word
 * (`gaarge` for `garage`) leaves a word similarity of 2/7 (0.29), the lowest of any one-letter
 * mistake: 0.25 lets every such near-miss through the index, and the edit-distance check drops the noise.
 */
const CANDIDATE_SIMILARITY = '0.25'

function row(document: SearchDocument) {
  return {
    organization_id: document.organizationId,
    type: document.type,
    record_id: document.recordId,
    title: document.title,
    subtitle: document.subtitle,
    body: document.body,
    // Identifiers such as `CD/GOM/RCCM/21-B-00042` or emails would otherwise be one token each.
    keywords: document.keywords.length
      ? document.keywords.map((keyword) => keyword.replace(/[^\p{L}\p{N}]+/gu, ' ')).join(' ')
      : null,
    url: document.url,
    updated_at: new Date(),
  }
}

async function insert(client: QueryClientContract, documents: SearchDocument[]) {
  if (!documents.length) return
  // One INSERT ... ON CONFLICT cannot touch a row twice: the last version of a record wins.
  const latest = new Map(
    documents.map((document) => [
      `${document.organizationId}:${document.type}:${document.recordId}`,
      document,
    ])
  )
  await client
    .knexQuery()
    .table(TABLE)
    .insert([...latest.values()].map(row))
    .onConflict(['organization_id', 'type', 'record_id'])
    .merge()
}

/**
 * The embedded engine: PostgreSQL full-text search (french stemming on unaccented text) for whole and
 * partial words; a word that finds nothing that way may be a typo, found in any field within the
 * edits `allowedEdits` gives it. Documents that match every word without a typo rank first.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const

  async upsert(documents: SearchDocument[], client?: QueryClientContract) {
    await insert(client ?? db.connection(), documents)
  }

  async remove(
    organizationId: string,
    type: string,
    recordIds: string[],
    client?: QueryClientContract
  ) {
    if (!recordIds.length) return
    await (client ?? db)
      .from(TABLE)
      .where('organization_id', organizationId)
      .where('type', type)
      .whereIn('record_id', recordIds)
      .delete()
  }

  async query({ organizationId, text, types, limit }: EngineQuery): Promise<SearchHit[]> {
    if (!types.length) return []
    const words = queryWords(text)
    // Each word matches as a prefix, or as a near-miss of some word of the document; a stopword
    // (empty tsquery) asks nothing.
    const wordMatches = words.map((word) => {
      const edits = allowedEdits(word)
      const prefix = `numnode(to_tsquery('french', ?)) = 0 OR d.search_vector @@ to_tsquery('french', ?)`
      if (!edits) return { sql: `(${prefix})`, bindings: [`${word}:*`, `${word}:*`] }
      return {
        sql: `(${prefix} OR (? <% d.fuzzy_text AND platform.has_word_within(d.fuzzy_text, ?, ?)))`,
        bindings: [`${word}:*`, `${word}:*`, word, word, edits],
      }
    })
    const typoTolerant = wordMatches.length
      ? wordMatches.map((match) => match.sql).join(' AND ')
      : 'false'
    const search = async (client: QueryClientContract) => {
      const result = await client.rawQuery(
        `
        WITH input AS (
          SELECT to_tsquery('french', ?) AS tsq, platform.immutable_unaccent(?) AS plain
        )
        SELECT d.type, d.record_id, d.title, d.subtitle, d.url,
               (d.search_vector @@ input.tsq) AS matched,
               ts_rank(d.search_vector, input.tsq) AS rank,
               word_similarity(input.plain, platform.immutable_unaccent(d.title)) AS similarity
        FROM ${TABLE} d, input
        WHERE d.organization_id = ?
          AND d.type = ANY(?)
          AND numnode(input.tsq) > 0
          AND (d.search_vector @@ input.tsq OR (${typoTolerant}))
        ORDER BY matched DESC, similarity DESC, rank DESC, d.title, d.record_id
        LIMIT ?
        `,
        [
          prefixTsQuery(text),
          text,
          organizationId,
          types,
          ...wordMatches.flatMap((match) => match.bindings),
          limit,
        ]
      )
      return result.rows.map((hit: Record<string, unknown>) => ({
        type: hit.type as string,
        recordId: hit.record_id as string,
        title: hit.title as string,
        subtitle: (hit.subtitle as string | null) ?? null,
        url: hit.url as string,
        score: Number(hit.rank) + Number(hit.similarity) + (hit.matched ? 1 : 0),
      }))
    }
    // Only a word long enough for a typo uses the trigram threshold, set for its own transaction
    // (other queries keep pg_trgm's default); a search without one needs no transaction round trips.
    if (!words.some((word) => allowedEdits(word) > 0)) return search(db.connection())
    return db.transaction(async (trx) => {
      await trx.rawQuery(`SELECT set_config('pg_trgm.word_similarity_threshold', ?, true)`, [
        CANDIDATE_SIMILARITY,
      ])
      return search(trx)
    })
  }

  async rebuild(
    type: string,
    documents: AsyncIterable<SearchDocument>,
    organizationId?: string,
    client?: QueryClientContract
  ) {
    // One transaction: searches keep seeing the old documents until the new ones are all in.
    return (client ?? db).transaction(async (trx) => {
      const scope = trx.from(TABLE).where('type', type)
      if (organizationId) scope.where('organization_id', organizationId)
      await scope.delete()
      let batch: SearchDocument[] = []
      let count = 0
      for await (const document of documents) {
        batch.push(document)
        count += 1
        if (batch.length === BATCH) {
          await insert(trx, batch)
          batch = []
        }
      }
      await insert(trx, batch)
      return count
    })
  }
}
