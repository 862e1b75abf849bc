import { BaseSchema } from '@adonisjs/lucid/schema'

/** Platform administrators (people who run the platform, not an organisation), granted by an ace command only. */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('platform.users', (table) => {
      table.boolean('is_platform_admin').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('platform.users', (table) => {
      table.dropColumn('is_platform_admin')
    })
  }
}
