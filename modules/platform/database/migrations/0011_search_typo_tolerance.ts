import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Typo-tolerant search on every indexed field: one lower-cased, unaccented text per document with a
 * trigram index to find candidates fast, and an edit-distance check on its words to keep only real
 * near-misses (trigram similarity alone either misses a swap inside a short word or lets noise in).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS fuzzystrmatch')
    // `||` rather than concat_ws: concat_ws is only STABLE, and a generated column needs IMMUTABLE.
    this.schema.raw(`
      ALTER TABLE platform.search_documents ADD COLUMN fuzzy_text text GENERATED ALWAYS AS (
        lower(platform.immutable_unaccent(
          title || ' ' || coalesce(subtitle, '') || ' ' || coalesce(keywords, '') || ' ' || coalesce(body, '')
        ))
      ) STORED
    `)
    this.schema.raw(
      'CREATE INDEX search_documents_fuzzy_trgm ON platform.search_documents USING gin (fuzzy_text gin_trgm_ops)'
    )
    this.schema.raw('DROP INDEX platform.search_documents_title_trgm')
    // levenshtein() refuses strings over 255 characters, so longer words are never near-misses.
    this.schema.raw(`
      CREATE FUNCTION platform.has_word_within(text text, word text, max_edits integer) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$
        SELECT length(word) <= 255 AND EXISTS (
          SELECT 1 FROM regexp_split_to_table(text, '[^[:alnum:]]+') AS candidate
          WHERE length(candidate) BETWEEN length(word) - max_edits AND least(length(word) + max_edits, 255)
            AND public.levenshtein_less_equal(candidate, word, max_edits) <= max_edits
        )
      $$
    `)
  }

  async down() {
    this.schema.raw('DROP FUNCTION platform.has_word_within(text, text, integer)')
    this.schema.raw(
      'CREATE INDEX search_documents_title_trgm ON platform.search_documents USING gin (platform.immutable_unaccent(title) gin_trgm_ops)'
    )
    this.schema.raw('ALTER TABLE platform.search_documents DROP COLUMN fuzzy_text')
  }
}
