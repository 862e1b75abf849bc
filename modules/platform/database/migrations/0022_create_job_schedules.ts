import { BaseSchema } from '@adonisjs/lucid/schema'

/** The last slot queued of each scheduled job: what keeps a slot from being queued twice, or forgotten. */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('platform').createTable('job_schedules', (table) => {
      table.string('name', 120).primary()
      table.timestamp('last_slot', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
  }

  async down() {
    this.schema.withSchema('platform').dropTable('job_schedules')
  }
}
