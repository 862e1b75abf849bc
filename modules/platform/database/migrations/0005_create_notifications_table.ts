import { BaseSchema } from '@adonisjs/lucid/schema'

/** Notifications: what the platform tells one user (bell of the shell), read or unread. */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('platform').createTable('notifications', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('user_id')
        .notNullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('CASCADE')
      table
        .uuid('organization_id')
        .nullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.jsonb('title').notNullable()
      table.jsonb('body').notNullable()
      table.string('link', 500).nullable()
      table.string('level', 10).notNullable().defaultTo('info')
      table.timestamp('read_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['user_id', 'created_at'])
    })
    this.schema.raw(
      'CREATE INDEX notifications_unread_idx ON platform.notifications (user_id) WHERE read_at IS NULL'
    )
  }

  async down() {
    this.schema.withSchema('platform').dropTable('notifications')
  }
}
