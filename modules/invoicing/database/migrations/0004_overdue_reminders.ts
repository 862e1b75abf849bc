import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Overdue reminders: each organisation's schedule (first reminder so many days after the due date, then
 * every so many days, at most so many), and each reminder sent, numbered per invoice: the primary key
 * (invoice, sequence) is what keeps a reminder from going twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('invoicing').createTable('reminder_settings', (table) => {
      table
        .uuid('organization_id')
        .primary()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.boolean('enabled').notNullable().defaultTo(false)
      table.integer('first_after_days').notNullable().defaultTo(3)
      table.integer('repeat_every_days').nullable()
      table.integer('max_reminders').notNullable().defaultTo(1)
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(
      'ALTER TABLE invoicing.reminder_settings ADD CONSTRAINT reminder_settings_check CHECK (first_after_days >= 0 AND (repeat_every_days IS NULL OR repeat_every_days >= 1) AND max_reminders BETWEEN 1 AND 10)'
    )
    this.schema.withSchema('invoicing').createTable('reminders_sent', (table) => {
      table
        .uuid('document_id')
        .notNullable()
        .references('id')
        .inTable('invoicing.documents')
        .onDelete('CASCADE')
      table.integer('sequence').notNullable()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.date('sent_on').notNullable()
      table.primary(['document_id', 'sequence'])
    })
  }

  async down() {
    this.schema.withSchema('invoicing').dropTable('reminders_sent')
    this.schema.withSchema('invoicing').dropTable('reminder_settings')
  }
}
