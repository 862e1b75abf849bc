import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * CSV rate imports run as jobs: one row per import, written when it is queued and completed by the
 * job in the transaction that records its rates, so its result is there exactly when they are.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('currencies').createTable('imports', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')
      table
        .uuid('user_id')
        .nullable()
        .references('id')
        .inTable('platform.users')
        .onDelete('SET NULL')
      table.uuid('job_id').notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_path', 300).notNullable()
      // The language the refused rows are explained in: the importer's at the time of the import.
      table.string('locale', 2).notNullable()
      table.string('status', 10).notNullable()
      table.integer('row_count').notNullable()
      table.integer('imported_count').nullable()
      table.jsonb('rejected').notNullable().defaultTo('[]')
      table.string('error_code', 60).nullable()
      table.text('error_message').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
    })
    this.schema.raw(
      "ALTER TABLE currencies.imports ADD CONSTRAINT imports_status_check CHECK (status IN ('queued', 'completed', 'failed'))"
    )
    this.schema.raw(
      'CREATE INDEX imports_organization_created ON currencies.imports (organization_id, created_at)'
    )
  }

  async down() {
    this.schema.withSchema('currencies').dropTable('imports')
  }
}
