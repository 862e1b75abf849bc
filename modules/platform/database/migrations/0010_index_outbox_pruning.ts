import { BaseSchema } from '@adonisjs/lucid/schema'

/** The pruner deletes old published outbox rows and handled-message records: let it find them without a full scan. */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      'CREATE INDEX outbox_published_index ON platform.outbox (published_at) WHERE published_at IS NOT NULL AND failed_at IS NULL'
    )
    this.schema.raw(
      'CREATE INDEX processed_messages_processed_at_index ON platform.processed_messages (processed_at)'
    )
  }

  async down() {
    this.schema.raw('DROP INDEX platform.processed_messages_processed_at_index')
    this.schema.raw('DROP INDEX platform.outbox_published_index')
  }
}
