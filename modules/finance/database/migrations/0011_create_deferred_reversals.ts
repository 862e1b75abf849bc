import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A payment's reversal that arrived before the payment itself was booked (events may be handled out of
 * order): kept until the payment's entry exists, then reversed at once.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('finance').createTable('deferred_reversals', (table) => {
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.string('source_type', 40).notNullable()
      table.uuid('source_id').notNullable()
      table.string('description', 300).notNullable()
      table.date('reversed_on').notNullable()
      table.primary(['organization_id', 'source_type', 'source_id'])
    })
  }

  async down() {
    this.schema.withSchema('finance').dropTable('deferred_reversals')
  }
}
