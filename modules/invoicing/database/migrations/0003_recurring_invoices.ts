import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Recurring invoices: a template (customer, lines, frequency, first date, optional end) that a daily
 * scheduled job turns into issued invoices, and the record of each occurrence issued. The occurrence's
 * primary key (template, date) is what makes "once per occurrence" hold whatever runs the job twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('invoicing').createTable('recurring_invoices', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.uuid('customer_id').notNullable()
      table.string('customer_name', 200).notNullable()
      table.string('frequency', 10).notNullable()
      table.date('start_date').notNullable()
      table.date('end_date').nullable()
      // The date of the next occurrence to issue; null once the template has ended.
      table.date('next_issue_date').nullable()
      table.integer('issued_count').notNullable().defaultTo(0)
      table.string('status', 10).notNullable()
      table.string('currency', 3).notNullable()
      table.integer('payment_terms_days').notNullable().defaultTo(0)
      table.string('client_category', 2).nullable()
      table.text('notes').nullable()
      table.jsonb('lines').notNullable()
      table.string('last_error', 500).nullable()
      table.uuid('created_by').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      "ALTER TABLE invoicing.recurring_invoices ADD CONSTRAINT recurring_frequency_check CHECK (frequency IN ('monthly', 'quarterly', 'yearly'))"
    )
    this.schema.raw(
      "ALTER TABLE invoicing.recurring_invoices ADD CONSTRAINT recurring_status_check CHECK (status IN ('active', 'paused', 'ended'))"
    )
    this.schema.raw(
      'ALTER TABLE invoicing.recurring_invoices ADD CONSTRAINT recurring_period_check CHECK (end_date IS NULL OR end_date >= start_date)'
    )
    this.schema.raw(
      'CREATE INDEX recurring_invoices_list ON invoicing.recurring_invoices (organization_id, created_at DESC, id DESC)'
    )
    this.schema.raw(
      "CREATE INDEX recurring_invoices_due ON invoicing.recurring_invoices (next_issue_date) WHERE status = 'active'"
    )

    this.schema.withSchema('invoicing').createTable('recurring_occurrences', (table) => {
      table
        .uuid('recurring_invoice_id')
        .notNullable()
        .references('id')
        .inTable('invoicing.recurring_invoices')
        .onDelete('CASCADE')
      table.date('occurrence_date').notNullable()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table.uuid('document_id').notNullable().references('id').inTable('invoicing.documents')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['recurring_invoice_id', 'occurrence_date'])
    })
  }

  async down() {
    this.schema.withSchema('invoicing').dropTable('recurring_occurrences')
    this.schema.withSchema('invoicing').dropTable('recurring_invoices')
  }
}
