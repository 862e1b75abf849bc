import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Contacts loaded as sample data (the first day's offer, the demo organisation) are marked, so that
 * removing the sample data removes them and never a contact the user entered or imported.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('contacts').alterTable('contacts', (table) => {
      table.boolean('is_sample').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.withSchema('contacts').alterTable('contacts', (table) => {
      table.dropColumn('is_sample')
    })
  }
}
