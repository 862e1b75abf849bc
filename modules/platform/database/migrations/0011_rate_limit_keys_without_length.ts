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
    // Counters are short-lived: those whose key no longer fits are dropped, not cut (a cut key could count for another).
    this.schema.raw('DELETE FROM rate_limits WHERE length(key) > 255')
    this.schema.raw('ALTER TABLE rate_limits ALTER COLUMN key TYPE varchar(255)')
  }
}
