import { BaseSchema } from '@adonisjs/lucid/schema'

/** The embedded search engine's index: one row per searchable record of every module. */
export default class extends BaseSchema {
  async up() {
    // unaccent() is only STABLE (its dictionary could change), so neither a generated column nor an
    // index may call it; pinning the dictionary in an IMMUTABLE wrapper is the usual way round it.
    this.schema.raw(`
      CREATE FUNCTION platform.immutable_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    `)

    this.schema.raw(`
      CREATE TABLE platform.search_documents (
        organization_id uuid NOT NULL REFERENCES platform.organizations (id) ON DELETE CASCADE,
        type varchar(60) NOT NULL,
        record_id varchar(64) NOT NULL,
        title varchar(300) NOT NULL,
        subtitle varchar(300),
        body text,
        keywords text,
        url varchar(500) NOT NULL,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('french', platform.immutable_unaccent(title)), 'A')
          || setweight(to_tsvector('french', platform.immutable_unaccent(coalesce(keywords, ''))), 'A')
          || setweight(to_tsvector('french', platform.immutable_unaccent(coalesce(subtitle, ''))), 'B')
          || setweight(to_tsvector('french', platform.immutable_unaccent(coalesce(body, ''))), 'C')
        ) STORED,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, type, record_id)
      )
    `)
    this.schema.raw(
      'CREATE INDEX search_documents_vector ON platform.search_documents USING gin (search_vector)'
    )
    // Catches typos the stemmer cannot (trigrams ignore case, so no lower() is needed).
    this.schema.raw(
      'CREATE INDEX search_documents_title_trgm ON platform.search_documents USING gin (platform.immutable_unaccent(title) gin_trgm_ops)'
    )
  }

  async down() {
    this.schema.raw('DROP TABLE platform.search_documents')
    this.schema.raw('DROP FUNCTION platform.immutable_unaccent(text)')
  }
}
