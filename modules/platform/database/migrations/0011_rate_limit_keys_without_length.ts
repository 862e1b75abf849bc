import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A limiter key embeds what it counts (`sign-in:account:` + a 254-character address is 270 characters):
 * a length limit on the key column turned such a request into a 500 instead of a counted attempt.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('ALTER TABLE rate_limits ALTER COLUMN key TYPE text')
  }

  async down() {
    this.schema.raw('ALTER TABLE rate_limits ALTER COLUMN key TYPE varchar(255)')
  }
}
