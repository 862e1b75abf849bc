import { BaseSchema } from '@adonisjs/lucid/schema'

/** When an admin loaded sample data into the organisation (null: none, or removed since). */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('platform.organization_onboarding', (table) => {
      table.timestamp('sample_data_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.alterTable('platform.organization_onboarding', (table) => {
      table.dropColumn('sample_data_at')
    })
  }
}
