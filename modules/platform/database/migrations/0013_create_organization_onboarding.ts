import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What the first-day checklist cannot read from the platform's own tables: facts learnt from other
 * modules' events (contacts added) and the admins' choice to put the finished checklist away.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('platform').createTable('organization_onboarding', (table) => {
      table
        .uuid('organization_id')
        .primary()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.timestamp('contacts_added_at', { useTz: true }).nullable()
      table.timestamp('dismissed_at', { useTz: true }).nullable()
    })
    this.schema.alterTable('platform.invitations', (table) => {
      table.timestamp('last_sent_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.alterTable('platform.invitations', (table) => {
      table.dropColumn('last_sent_at')
    })
    this.schema.withSchema('platform').dropTable('organization_onboarding')
  }
}
