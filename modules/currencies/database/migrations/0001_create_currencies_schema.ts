import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The currencies module's tables, in its own schema: the currencies each organisation uses, its
 * provider settings, and its daily exchange rates (numeric, never float).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createSchema('currencies')
    this.schema.withSchema('currencies').createTable('organization_currencies', (table) => {
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.specificType('code', 'char(3)').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['organization_id', 'code'])
    })
    this.schema.withSchema('currencies').createTable('settings', (table) => {
      table
        .uuid('organization_id')
        .primary()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      // The label shown with each rate entered by hand or imported ("Banque Centrale du Congo - taux indicatif").
      table.string('rate_source', 200).notNullable()
      // An HTTP JSON source fetched daily by the provider job; none by default.
      table.string('provider_url', 2000).nullable()
      table.timestamp('provider_fetched_at', { useTz: true }).nullable()
      table.text('provider_error').nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.withSchema('currencies').createTable('rates', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      // 1 unit of base_currency = rate units of quote_currency, on rate_date.
      table.specificType('base_currency', 'char(3)').notNullable()
      table.specificType('quote_currency', 'char(3)').notNullable()
      table.decimal('rate', 30, 12).notNullable()
      table.date('rate_date').notNullable()
      table.string('source', 200).notNullable()
      table.enum('origin', ['manual', 'import', 'provider']).notNullable()
      table.uuid('recorded_by').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['organization_id', 'base_currency', 'quote_currency', 'rate_date'], {
        indexName: 'rates_pair_date_unique',
      })
      table.index(['organization_id', 'rate_date', 'id'], 'rates_organization_date_index')
    })
    this.schema.raw('ALTER TABLE currencies.rates ADD CONSTRAINT rates_positive CHECK (rate > 0)')
    this.schema.raw(
      'ALTER TABLE currencies.rates ADD CONSTRAINT rates_two_currencies CHECK (base_currency <> quote_currency)'
    )
  }

  async down() {
    this.schema.dropSchema('currencies', true)
  }
}
