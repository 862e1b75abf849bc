import { BaseSchema } from '@adonisjs/lucid/schema'

/** A change of email address waits, on its emailed token, until the new mailbox confirms it. */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('platform').alterTable('user_tokens', (table) => {
      table.string('new_email', 254).nullable()
    })
  }

  async down() {
    this.schema.withSchema('platform').alterTable('user_tokens', (table) => {
      table.dropColumn('new_email')
    })
  }
}
