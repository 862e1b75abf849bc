import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A user's own choices in the interface (a table's hidden columns...), as small JSON values under a key, so they
 * follow the user from one device to the next. They belong to the user, not to an organisation.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('platform').createTable('user_preferences', (table) => {
      table
        .uuid('user_id')
        .notNullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('CASCADE')
      table.string('key', 120).notNullable()
      table.jsonb('value').notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.primary(['user_id', 'key'])
    })
  }

  async down() {
    this.schema.withSchema('platform').dropTable('user_preferences')
  }
}
