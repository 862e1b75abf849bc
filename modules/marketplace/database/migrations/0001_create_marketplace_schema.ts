import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The marketplace's own schema: vendors and their signing keys, the modules they publish and each
 * uploaded version (immutable once stored), the organisations' installs, API keys and webhook deliveries.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createSchema('marketplace')

    this.schema.withSchema('marketplace').createTable('vendors', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('user_id')
        .notNullable()
        .unique()
        .references('id')
        .inTable('platform.users')
        .onDelete('CASCADE')
      table.string('name', 120).notNullable()
      // Every module id of the vendor starts with `<prefix>-`, so two vendors never publish the same id.
      table.string('prefix', 20).notNullable().unique()
      table.string('email', 254).notNullable()
      table.string('website', 300).nullable()
      table.string('status', 10).notNullable().defaultTo('pending')
      table.boolean('audited').notNullable().defaultTo(false)
      table.text('review_reason').nullable()
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      "ALTER TABLE marketplace.vendors ADD CONSTRAINT vendors_status_check CHECK (status IN ('pending', 'approved', 'rejected'))"
    )

    this.schema.withSchema('marketplace').createTable('vendor_keys', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('vendor_id')
        .notNullable()
        .references('id')
        .inTable('marketplace.vendors')
        .onDelete('CASCADE')
      table.string('name', 100).notNullable()
      table.text('public_key').notNullable()
      table.string('fingerprint', 64).notNullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['vendor_id', 'fingerprint'])
    })

    this.schema.withSchema('marketplace').createTable('listings', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('vendor_id')
        .notNullable()
        .references('id')
        .inTable('marketplace.vendors')
        .onDelete('CASCADE')
      table.string('module_id', 60).notNullable().unique()
      table.string('webhook_url', 500).nullable()
      table.text('webhook_secret').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.withSchema('marketplace').createTable('versions', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('listing_id')
        .notNullable()
        .references('id')
        .inTable('marketplace.listings')
        .onDelete('CASCADE')
      table.string('version', 40).notNullable()
      table.jsonb('manifest').notNullable()
      table.jsonb('files').notNullable()
      table.specificType('scopes', 'text[]').notNullable()
      table.text('hash_list').notNullable()
      table.uuid('vendor_key_id').notNullable().references('id').inTable('marketplace.vendor_keys')
      table.text('vendor_signature').notNullable()
      table.integer('archive_size').notNullable()
      table.string('status', 10).notNullable().defaultTo('submitted')
      table.text('review_reason').nullable()
      table
        .uuid('reviewed_by')
        .nullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('SET NULL')
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.text('marketplace_signature').nullable()
      table.integer('rollout_percent').notNullable().defaultTo(100)
      table.specificType('rollout_organizations', 'uuid[]').notNullable().defaultTo('{}')
      table.timestamp('withdrawn_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['listing_id', 'version'])
    })
    this.schema.raw(
      "ALTER TABLE marketplace.versions ADD CONSTRAINT versions_status_check CHECK (status IN ('submitted', 'approved', 'rejected'))"
    )
    this.schema.raw(
      'ALTER TABLE marketplace.versions ADD CONSTRAINT versions_rollout_check CHECK (rollout_percent BETWEEN 0 AND 100)'
    )
    // What was accepted is what stays: a stored version's package, hashes and signature never change.
    this.schema.raw(`
      CREATE FUNCTION marketplace.versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.version IS DISTINCT FROM OLD.version OR NEW.manifest IS DISTINCT FROM OLD.manifest OR NEW.files IS DISTINCT FROM OLD.files
           OR NEW.hash_list IS DISTINCT FROM OLD.hash_list OR NEW.vendor_signature IS DISTINCT FROM OLD.vendor_signature
           OR NEW.listing_id IS DISTINCT FROM OLD.listing_id OR NEW.scopes IS DISTINCT FROM OLD.scopes THEN
          RAISE EXCEPTION 'marketplace versions are immutable';
        END IF;
        RETURN NEW;
      END $$
    `)
    this.schema.raw(
      'CREATE TRIGGER versions_immutable BEFORE UPDATE ON marketplace.versions FOR EACH ROW EXECUTE FUNCTION marketplace.versions_immutable()'
    )

    this.schema.withSchema('marketplace').createTable('installs', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table
        .uuid('listing_id')
        .notNullable()
        .references('id')
        .inTable('marketplace.listings')
        .onDelete('CASCADE')
      table.uuid('version_id').notNullable().references('id').inTable('marketplace.versions')
      table.specificType('scopes', 'text[]').notNullable()
      table.boolean('enabled').notNullable().defaultTo(true)
      table
        .uuid('installed_by')
        .nullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['organization_id', 'listing_id'])
    })
    this.schema.raw('CREATE INDEX installs_listing ON marketplace.installs (listing_id)')

    this.schema.withSchema('marketplace').createTable('api_keys', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.string('name', 100).notNullable()
      table.specificType('scopes', 'text[]').notNullable()
      // The platform's scoped token behind the key (its secret is shown once; last use is read from it).
      table.string('token_id', 40).notNullable()
      table
        .uuid('created_by')
        .notNullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('CASCADE')
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.withSchema('marketplace').createTable('webhook_deliveries', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table
        .uuid('listing_id')
        .notNullable()
        .references('id')
        .inTable('marketplace.listings')
        .onDelete('CASCADE')
      table.string('event', 100).notNullable()
      table.jsonb('payload').notNullable()
      table.string('status', 10).notNullable().defaultTo('pending')
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('last_status_code').nullable()
      table.text('last_error').nullable()
      table.timestamp('delivered_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      'CREATE INDEX webhook_deliveries_listing ON marketplace.webhook_deliveries (listing_id, created_at DESC)'
    )
  }

  async down() {
    this.schema.raw('DROP SCHEMA marketplace CASCADE')
  }
}
