import { BaseSchema } from '@adonisjs/lucid/schema'

/** The organisation's invoicing defaults: one row per organisation, absent until first changed. */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('invoicing').createTable('settings', (table) => {
      table
        .uuid('organization_id')
        .primary()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.integer('default_payment_terms_days').notNullable().defaultTo(0)
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.check('default_payment_terms_days BETWEEN 0 AND 365')
    })
  }

  async down() {
    this.schema.withSchema('invoicing').dropTable('settings')
  }
}
