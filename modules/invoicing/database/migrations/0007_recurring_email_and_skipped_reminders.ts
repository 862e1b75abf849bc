import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A recurring invoice may be emailed to its customer as soon as it is issued; a reminder that could
 * not be sent (a customer without an email address) is kept as skipped, so the schedule moves on and
 * the timeline says why, instead of trying again silently every day.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('invoicing').alterTable('recurring_invoices', (table) => {
      table.boolean('send_by_email').notNullable().defaultTo(false)
    })
    this.schema.withSchema('invoicing').alterTable('reminders_sent', (table) => {
      table.string('skipped_reason', 40).nullable()
    })
  }

  async down() {
    this.schema.withSchema('invoicing').alterTable('reminders_sent', (table) => {
      table.dropColumn('skipped_reason')
    })
    this.schema.withSchema('invoicing').alterTable('recurring_invoices', (table) => {
      table.dropColumn('send_by_email')
    })
  }
}
