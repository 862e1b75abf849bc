import { BaseSchema } from '@adonisjs/lucid/schema'

/** The time zone an organisation's dates are shown and exported in (DR Congo has two: Kinshasa and Lubumbashi). */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('platform.organizations', (table) => {
      table.string('time_zone', 64).notNullable().defaultTo('Africa/Kinshasa')
    })
  }

  async down() {
    this.schema.alterTable('platform.organizations', (table) => {
      table.dropColumn('time_zone')
    })
  }
}
