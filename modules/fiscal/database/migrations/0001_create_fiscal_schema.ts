import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The fiscal module's tables, in its own schema: each organisation's fiscal device (its e-MCF
 * settings, the token encrypted) and the normalisation of each invoice and credit note, whose DGI
 * answer, once stored, a trigger refuses to change or delete.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createSchema('fiscal')
    const organization = (table: { uuid(name: string): any }) =>
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('platform.organizations')
        .onDelete('CASCADE')

    this.schema.withSchema('fiscal').createTable('devices', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table).unique()
      table.boolean('enabled').notNullable().defaultTo(false)
      // Invoices issued before normalisation was switched on are not held back.
      table.timestamp('enabled_at', { useTz: true }).nullable()
      table.string('environment', 10).notNullable().defaultTo('test')
      table.string('base_url', 500).notNullable()
      table.string('nif', 20).notNullable()
      table.string('isf', 40).notNullable()
      table.text('token_encrypted').notNullable()
      table.string('operator_name', 100).nullable()
      table.integer('retry_count').notNullable().defaultTo(0)
      table.timestamp('next_attempt_at', { useTz: true }).nullable()
      table.text('last_error').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    // One row per invoice or credit note to normalise, in the order they were issued (`sequence`):
    // awaiting -> posted (the e-MCF holds it pending under `uid`) -> normalised, or failed.
    this.schema.withSchema('fiscal').createTable('normalisations', (table) => {
      table.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      organization(table)
      table.bigIncrements('sequence', { primaryKey: false })
      table.uuid('document_id').notNullable()
      table.string('document_kind', 20).notNullable()
      table.string('number', 60).notNullable()
      table.uuid('credited_document_id').nullable()
      table.string('status', 20).notNullable()
      table.string('uid', 64).nullable()
      table.string('currency', 3).notNullable()
      table.bigInteger('total_minor').notNullable()
      table.bigInteger('tax_minor').notNullable()
      table.bigInteger('emcf_total_minor').nullable()
      table.bigInteger('emcf_tax_minor').nullable()
      table.string('error_code', 60).nullable()
      table.text('error_message').nullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.string('dgi_code', 40).nullable()
      table.text('qr_content').nullable()
      table.string('counters', 60).nullable()
      table.string('nim', 40).nullable()
      table.string('dgi_date_time', 40).nullable()
      table.timestamp('normalised_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['organization_id', 'document_id'])
      table.index(['organization_id', 'status', 'sequence'])
    })

    this.schema.raw(`
      CREATE FUNCTION fiscal.refuse_normalised_change() RETURNS trigger AS $$
      BEGIN
        -- Deleting the organisation deletes its normalisations with it.
        IF TG_OP = 'DELETE' AND NOT EXISTS (
          SELECT 1 FROM platform.organizations WHERE id = OLD.organization_id
        ) THEN
          RETURN OLD;
        END IF;
        IF OLD.status = 'normalised' THEN
          RAISE EXCEPTION 'A normalised invoice''s DGI answer cannot change (%)', OLD.number
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END;
      $$ LANGUAGE plpgsql
    `)
    this.schema.raw(`
      CREATE TRIGGER normalisations_immutable BEFORE UPDATE OR DELETE ON fiscal.normalisations
      FOR EACH ROW EXECUTE FUNCTION fiscal.refuse_normalised_change()
    `)
  }

  async down() {
    this.schema.dropSchema('fiscal', true)
  }
}
