import { BaseSchema } from '@adonisjs/lucid/schema'

/** Identity and organisations: the platform's own tables, in its own schema. */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS unaccent')
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    this.schema.createSchema('platform')

    this.schema.withSchema('platform').createTable('users', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table.string('email', 254).notNullable()
      table.string('full_name', 120).notNullable()
      table.string('password').nullable()
      table.string('locale', 5).notNullable().defaultTo('fr')
      table.timestamp('email_verified_at', { useTz: true }).nullable()
      table.timestamp('disabled_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw('CREATE UNIQUE INDEX users_email_unique ON platform.users (lower(email))')

    this.schema.withSchema('platform').createTable('user_tokens', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('user_id')
        .notNullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('CASCADE')
      table.string('purpose', 30).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.withSchema('platform').createTable('oauth_identities', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('user_id')
        .notNullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('CASCADE')
      table.string('provider', 40).notNullable()
      table.string('subject', 255).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['provider', 'subject'])
    })

    this.schema.withSchema('platform').createTable('auth_access_tokens', (table) => {
      table.increments('id')
      table
        .uuid('tokenable_id')
        .notNullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('CASCADE')
      table.string('type').notNullable()
      table.string('name').nullable()
      table.string('hash').notNullable()
      table.text('abilities').notNullable()
      table.timestamp('created_at', { useTz: true })
      table.timestamp('updated_at', { useTz: true })
      table.timestamp('last_used_at', { useTz: true }).nullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
    })

    this.schema.withSchema('platform').createTable('organizations', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table.string('name', 120).notNullable()
      table.string('legal_name', 200).nullable()
      table.string('rccm', 60).nullable()
      table.string('id_nat', 60).nullable()
      table.string('nif', 60).nullable()
      table.string('address', 300).nullable()
      table.string('city', 100).nullable()
      table.string('country', 2).notNullable().defaultTo('CD')
      table.string('phone', 30).nullable()
      table.string('email', 254).nullable()
      table.string('default_currency', 3).notNullable().defaultTo('CDF')
      table.string('reporting_currency', 3).notNullable().defaultTo('USD')
      table.string('locale', 5).notNullable().defaultTo('fr')
      table.string('logo_path').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.withSchema('platform').createTable('memberships', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table
        .uuid('user_id')
        .notNullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('CASCADE')
      table.string('role', 10).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['organization_id', 'user_id'])
    })
    this.schema.raw(
      "CREATE UNIQUE INDEX memberships_one_owner ON platform.memberships (organization_id) WHERE role = 'owner'"
    )

    this.schema.withSchema('platform').createTable('invitations', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.string('email', 254).notNullable()
      table.string('role', 10).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table
        .uuid('invited_by_id')
        .nullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('SET NULL')
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.withSchema('platform').createTable('organization_modules', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.string('module_id', 40).notNullable()
      table.boolean('enabled').notNullable()
      table.timestamp('installed_at', { useTz: true }).notNullable()
      table.timestamp('enabled_at', { useTz: true }).nullable()
      table.timestamp('disabled_at', { useTz: true }).nullable()
      table.unique(['organization_id', 'module_id'])
    })

    this.schema.withSchema('platform').createTable('audit_entries', (table) => {
      table.bigIncrements('id')
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table
        .uuid('actor_id')
        .nullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('SET NULL')
      table.string('action', 60).notNullable()
      table.string('subject_type', 60).nullable()
      table.string('subject_id', 64).nullable()
      table.jsonb('metadata').notNullable().defaultTo('{}')
      table.string('ip', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['organization_id', 'created_at'])
    })

    // Infrastructure tables named by their packages' defaults: sessions (database store) and rate limits.
    this.schema.createTable('sessions', (table) => {
      table.string('id').primary()
      table.text('data').notNullable()
      table.string('user_id').nullable().index()
      table.timestamp('expires_at', { useTz: true }).notNullable().index()
    })
    this.schema.createTable('rate_limits', (table) => {
      table.string('key', 255).notNullable().primary()
      table.integer('points', 9).notNullable().defaultTo(0)
      table.bigint('expire').unsigned()
    })
  }

  async down() {
    this.schema.dropTable('rate_limits')
    this.schema.dropTable('sessions')
    this.schema.raw('DROP SCHEMA platform CASCADE')
  }
}
