import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { EngineQuery, SearchDocument, SearchEngine, SearchHit } from './search_engine.ts'

const TABLE = 'platform.search_documents'
const BATCH = 500

/**
 * The words of a query as a prefix tsquery (`societe:* & minier:*`): only letters and digits reach
 * to_tsquery, so no query text can change its syntax.
 */
export function prefixTsQuery(text: string) {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu)
  return (words ?? []).slice(0, 12).map((word) => `${word}:*`).join(' & ')
}

function row(document: SearchDocument) {
  return {
    organization_id: document.organizationId,
    type: document.type,
    record_id: document.recordId,
    title: document.title,
    subtitle: document.subtitle,
    body: document.body,
    // Identifiers such as `CD/GOM/RCCM/21-B-00042` or emails would otherwise be one token each.
    keywords: document.keywords.length ? document.keywords.map((keyword) => keyword.replace(/[^\p{L}\p{N}]+/gu, ' ')).join(' ') : null,
    url: document.url,
    updated_at: new Date(),
  }
}

async function insert(client: QueryClientContract, documents: SearchDocument[]) {
  if (!documents.length) return
  // One INSERT ... ON CONFLICT cannot touch a row twice: the last version of a record wins.
  const latest = new Map(documents.map((document) => [`${document.organizationId}:${document.type}:${document.recordId}`, document]))
  await client
    .knexQuery()
    .table(TABLE)
    .insert([...latest.values()].map(row))
    .onConflict(['organization_id', 'type', 'record_id'])
    .merge()
}

/**
 * The embedded engine: PostgreSQL full-text search (french stemming on unaccented text) for whole and
 * partial words, and trigram similarity on the title for typos.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const

  async upsert(documents: SearchDocument[], client?: QueryClientContract) {
    await insert(client ?? db.connection(), documents)
  }

  async remove(organizationId: string, type: string, recordIds: string[], client?: QueryClientContract) {
    if (!recordIds.length) return
    await (client ?? db).from(TABLE).where('organization_id', organizationId).where('type', type).whereIn('record_id', recordIds).delete()
  }

  async query({ organizationId, text, types, limit }: EngineQuery): Promise<SearchHit[]> {
    if (!types.length) return []
    const tsquery = prefixTsQuery(text)
    const result = await db.rawQuery(
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
        AND (d.search_vector @@ input.tsq OR platform.immutable_unaccent(d.title) %> input.plain)
      ORDER BY matched DESC, similarity DESC, rank DESC, d.title, d.record_id
      LIMIT ?
      `,
      [tsquery, text, organizationId, types, limit]
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

  async rebuild(type: string, documents: AsyncIterable<SearchDocument>, organizationId?: string, client?: QueryClientContract) {
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
