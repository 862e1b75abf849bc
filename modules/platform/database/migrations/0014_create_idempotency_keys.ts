import { BaseSchema } from '@adonisjs/lucid/schema'

/** The `Idempotency-Key`s of writes that honour one, with the answer given, so a retry gets the same answer. */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('platform').createTable('idempotency_keys', (table) => {
      // The organisation, or the user for a write outside any organisation.
      table.string('scope', 80).notNullable()
      table.string('key', 200).notNullable()
      table.string('fingerprint', 64).notNullable()
      table.integer('response_status').nullable()
      // json, not jsonb: a replay answers the very text of the first answer, keys in the same order.
      table.json('response_body').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['scope', 'key'])
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.withSchema('platform').dropTable('idempotency_keys')
  }
}
