import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An import remembers which column filled which field (chosen by hand when the headers do not say) and
 * the refused rows as the file had them, so that they can be downloaded, corrected and imported again
 * after the uploaded file itself is deleted.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.withSchema('contacts').alterTable('imports', (table) => {
      table.jsonb('mapping').nullable()
      table.jsonb('rejected_rows').notNullable().defaultTo('[]')
    })
  }

  async down() {
    this.schema.withSchema('contacts').alterTable('imports', (table) => {
      table.dropColumn('mapping')
      table.dropColumn('rejected_rows')
    })
  }
}
