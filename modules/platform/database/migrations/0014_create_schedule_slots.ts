import { BaseSchema } from '@adonisjs/lucid/schema'

/** One row per schedule slot that ran: the primary key lets a single worker process claim each slot. */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('platform').createTable('schedule_slots', (table) => {
      table.string('name', 120).notNullable()
      table.timestamp('slot_at', { useTz: true }).notNullable()
      table.timestamp('claimed_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['name', 'slot_at'])
    })
  }

  async down() {
    this.schema.withSchema('platform').dropTable('schedule_slots')
  }
}
