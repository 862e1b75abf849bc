import { BaseSchema } from '@adonisjs/lucid/schema'

/** Customers and suppliers of each organisation, in the module's own schema. */
export default class extends BaseSchema {
  async up() {
    this.schema.createSchema('contacts')

    // unaccent() is only STABLE (its dictionary could change), so an index cannot use it directly;
    // pinning the dictionary in an IMMUTABLE wrapper is the usual way to make it indexable.
    this.schema.raw(`
      CREATE FUNCTION contacts.immutable_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    `)

    this.schema.withSchema('contacts').createTable('contacts', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.string('kind', 10).notNullable()
      table.string('name', 200).notNullable()
      table.boolean('is_customer').notNullable().defaultTo(false)
      table.boolean('is_supplier').notNullable().defaultTo(false)
      table.string('email', 254).nullable()
      table.string('phone', 20).nullable()
      table.string('address', 300).nullable()
      table.string('city', 100).nullable()
      table.string('country', 2).nullable()
      table.string('rccm', 60).nullable()
      table.string('id_nat', 60).nullable()
      table.string('nif', 60).nullable()
      table.string('preferred_currency', 3).nullable()
      table.string('preferred_locale', 2).nullable()
      table.specificType('tags', 'text[]').notNullable().defaultTo('{}')
      table.text('notes').nullable()
      table.timestamp('archived_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      "ALTER TABLE contacts.contacts ADD CONSTRAINT contacts_kind_check CHECK (kind IN ('company', 'person'))"
    )
    this.schema.raw(
      'CREATE UNIQUE INDEX contacts_email_unique ON contacts.contacts (organization_id, lower(email)) WHERE archived_at IS NULL AND email IS NOT NULL'
    )
    this.schema.raw(
      'CREATE INDEX contacts_sort_name ON contacts.contacts (organization_id, lower(contacts.immutable_unaccent(name)), id)'
    )
    // Lets the list's count of active contacts be an index-only scan.
    this.schema.raw(
      'CREATE INDEX contacts_active ON contacts.contacts (organization_id) WHERE archived_at IS NULL'
    )
    this.schema.raw(
      'CREATE INDEX contacts_sort_created ON contacts.contacts (organization_id, created_at, id)'
    )
    this.schema.raw(
      'CREATE INDEX contacts_sort_updated ON contacts.contacts (organization_id, updated_at, id)'
    )
    this.schema.raw('CREATE INDEX contacts_tags ON contacts.contacts USING gin (tags)')
    for (const column of ['name', 'city', 'email']) {
      this.schema.raw(
        `CREATE INDEX contacts_search_${column} ON contacts.contacts USING gin (lower(contacts.immutable_unaccent(${column})) gin_trgm_ops)`
      )
    }
    this.schema.raw(
      'CREATE INDEX contacts_search_phone ON contacts.contacts USING gin (phone gin_trgm_ops)'
    )
  }

  async down() {
    this.schema.raw('DROP SCHEMA contacts CASCADE')
  }
}
